/* Report page for supervisors: "Mettiamoci la faccia" ratings and service performance.
   Plain browser script (no build step); data from /api/reports/*, charts with chart.js. */
(function () {
  'use strict';

  var FACES = [
    { key: 'positive', plural: 'Verdi', label: 'Soddisfatto', color: '#00844a' },
    { key: 'neutral', plural: 'Gialle', label: 'Non del tutto soddisfatto', color: '#e0a100' },
    { key: 'negative', plural: 'Rosse', label: 'Insoddisfatto', color: '#c0102b' },
  ];
  var GROUP_NAMES = {
    day: 'giorno',
    week: 'settimana',
    month: 'mese',
    channel: 'canale',
    procedure: 'procedimento',
    queue: 'coda',
    operator: 'operatore',
  };
  var number = new Intl.NumberFormat('it-IT');
  var decimal = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });
  var charts = {};
  // The console's session cookie is scoped to /api/operator, so the page reads the reports there.
  var API = '/api/operator/reports';

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function pct(value) {
    return value === null || value === undefined ? 'n.d.' : decimal.format(value) + '%';
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return 'n.d.';
    var s = Math.round(ms / 1000);
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
    return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
  }

  function isoDate(d) {
    return (
      d.getFullYear() +
      '-' +
      String(d.getMonth() + 1).padStart(2, '0') +
      '-' +
      String(d.getDate()).padStart(2, '0')
    );
  }

  function setStatus(text, isError) {
    var status = $('status');
    status.textContent = text;
    status.classList.toggle('rp-status-error', Boolean(isError));
  }

  /** Reads the filters from the address (so a report can be bookmarked), with defaults. */
  function initFilters() {
    var params = new URLSearchParams(window.location.search);
    var today = new Date();
    var monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
    $('from').value = params.get('from') || isoDate(monthAgo);
    $('to').value = params.get('to') || isoDate(today);
    if (params.get('groupBy')) $('groupBy').value = params.get('groupBy');
    if (params.get('period')) $('period').value = params.get('period');
  }

  function query(groupBy) {
    return new URLSearchParams({ from: $('from').value, to: $('to').value, groupBy: groupBy }).toString();
  }

  function getJson(path) {
    return fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(
      function (res) {
        return res.json().then(
          function (body) {
            if (!res.ok) {
              var err = new Error((body && body.error && body.error.message) || 'Errore ' + res.status);
              err.status = res.status;
              throw err;
            }
            return body;
          },
          function () {
            var err = new Error('Risposta non valida (' + res.status + ')');
            err.status = res.status;
            throw err;
          },
        );
      },
    );
  }

  function faceCells(row, tr) {
    FACES.forEach(function (f) {
      var td = el('td');
      td.appendChild(el('span', '', 'rp-swatch rp-swatch-' + f.key));
      td.appendChild(
        document.createTextNode(number.format(row.counts[f.key]) + ' (' + pct(row.pct[f.key]) + ')'),
      );
      tr.appendChild(td);
    });
  }

  function satisfactionRow(row, isTotal) {
    var tr = el('tr', null, isTotal ? 'rp-total' : '');
    var th = el('th', row.label);
    th.scope = 'row';
    tr.appendChild(th);
    tr.appendChild(el('td', number.format(row.conversations)));
    tr.appendChild(el('td', number.format(row.rated)));
    tr.appendChild(el('td', pct(row.participationPct)));
    faceCells(row, tr);
    return tr;
  }

  function fillBody(table, rows, columns) {
    var body = table.tBodies[0];
    body.replaceChildren();
    if (rows.length === 0) {
      var tr = el('tr');
      var td = el('td', 'Nessun dato nel periodo scelto.');
      td.colSpan = columns;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    rows.forEach(function (tr) {
      body.appendChild(tr);
    });
  }

  function renderSummary(total, performance) {
    var items = [
      ['Conversazioni', number.format(total.conversations)],
      ['Conversazioni valutate', number.format(total.rated)],
      ['Partecipazione', pct(total.participationPct)],
      ['Faccine verdi', pct(total.pct.positive)],
      ['Faccine gialle', pct(total.pct.neutral)],
      ['Faccine rosse', pct(total.pct.negative)],
      ['Risposte del solo assistente', pct(performance.total.botOnlyPct)],
      ['Attesa mediana di un operatore', duration(performance.total.wait.p50Ms)],
    ];
    var dl = $('summary');
    dl.replaceChildren();
    items.forEach(function (item) {
      var div = el('div', null, 'rp-summary-item');
      div.appendChild(el('dt', item[0]));
      div.appendChild(el('dd', item[1]));
      dl.appendChild(div);
    });
  }

  function drawChart(id, config) {
    if (charts[id]) charts[id].destroy();
    if (!window.Chart) return;
    charts[id] = new window.Chart($(id), config);
  }

  function renderTrend(trend) {
    fillBody(
      $('trend-table'),
      trend.points.map(function (p) {
        return satisfactionRow(p, false);
      }),
      7,
    );
    var labels = trend.points.map(function (p) {
      return p.label;
    });
    var datasets = FACES.map(function (f) {
      return {
        type: 'bar',
        label: f.plural + ' (' + f.label.toLowerCase() + ')',
        data: trend.points.map(function (p) {
          return p.counts[f.key];
        }),
        backgroundColor: f.color,
        stack: 'giudizi',
        yAxisID: 'y',
      };
    });
    datasets.push({
      type: 'line',
      label: 'Partecipazione (%)',
      data: trend.points.map(function (p) {
        return p.participationPct;
      }),
      borderColor: '#0066cc',
      backgroundColor: '#0066cc',
      yAxisID: 'y1',
      spanGaps: true,
    });
    var rated = trend.points.reduce(function (s, p) {
      return s + p.rated;
    }, 0);
    $('trend-chart').setAttribute(
      'aria-label',
      "Grafico dell'andamento dei giudizi in " +
        trend.points.length +
        ' periodi, ' +
        rated +
        ' giudizi in tutto: i dati sono nella tabella che segue',
    );
    drawChart('trend-chart', {
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: {
            stacked: true,
            beginAtZero: true,
            title: { display: true, text: 'Giudizi' },
            ticks: { precision: 0 },
          },
          y1: {
            position: 'right',
            min: 0,
            max: 100,
            title: { display: true, text: 'Partecipazione (%)' },
            grid: { drawOnChartArea: false },
          },
        },
      },
    });
  }

  function renderReasons(total) {
    var rows = total.reasons.map(function (r) {
      var tr = el('tr');
      var th = el('th', r.label);
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(el('td', number.format(r.count)));
      return tr;
    });
    var skipped = el('tr');
    var th = el('th', 'Nessun motivo indicato');
    th.scope = 'row';
    skipped.appendChild(th);
    skipped.appendChild(el('td', number.format(total.negativeWithoutReason)));
    rows.push(skipped);
    fillBody($('reasons-table'), rows, 2);
    drawChart('reasons-chart', {
      type: 'bar',
      data: {
        labels: total.reasons.map(function (r) {
          return r.label;
        }),
        datasets: [
          {
            label: 'Faccine rosse per motivo',
            data: total.reasons.map(function (r) {
              return r.count;
            }),
            backgroundColor: '#c0102b',
          },
        ],
      },
      options: {
        animation: false,
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function performanceTable(title, report) {
    var section = el('div', null, 'table-responsive mt-3');
    // A table wider than the screen scrolls: keyboard users must be able to reach it.
    section.tabIndex = 0;
    section.setAttribute('role', 'region');
    section.setAttribute('aria-label', title);
    var table = el('table', null, 'table table-sm rp-table');
    table.appendChild(el('caption', title));
    var head = el('thead');
    var tr = el('tr');
    [
      'Gruppo',
      'Conversazioni',
      'Solo assistente',
      'Passate a operatore',
      'Prese in carico',
      'Attesa media',
      'Attesa mediana',
      'Attesa 90° percentile',
      'Chiuse',
      'Gestione media',
      'Gestione mediana',
    ].forEach(function (h) {
      var th = el('th', h);
      th.scope = 'col';
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.appendChild(head);
    table.appendChild(el('tbody'));
    var rows = report.groups.concat(report.groups.length > 1 ? [report.total] : []).map(function (r) {
      var row = el('tr', null, r === report.total ? 'rp-total' : '');
      var th = el('th', r.label);
      th.scope = 'row';
      row.appendChild(th);
      [
        number.format(r.conversations),
        number.format(r.botOnly) + ' (' + pct(r.botOnlyPct) + ')',
        number.format(r.escalated) + ' (' + pct(r.escalatedPct) + ')',
        number.format(r.assigned),
        duration(r.wait.avgMs),
        duration(r.wait.p50Ms),
        duration(r.wait.p90Ms),
        number.format(r.closed),
        duration(r.handling.avgMs),
        duration(r.handling.p50Ms),
      ].forEach(function (v) {
        row.appendChild(el('td', v));
      });
      return row;
    });
    fillBody(table, rows, 11);
    section.appendChild(table);
    return section;
  }

  function renderPerformance(reports) {
    var box = $('performance-tables');
    box.replaceChildren();
    reports.forEach(function (item) {
      box.appendChild(performanceTable(item.title, item.report));
    });
  }

  function updateLinks(groupBy) {
    $('csv-satisfaction').href = API + '/satisfaction.csv?' + query(groupBy);
    $('csv-performance').href = API + '/performance.csv?' + query(groupBy);
  }

  function load() {
    var groupBy = $('groupBy').value;
    var period = $('period').value;
    if (!$('from').value || !$('to').value) {
      setStatus('Indica le date di inizio e di fine del periodo.', true);
      return Promise.resolve();
    }
    var address = '?' + query(groupBy) + '&period=' + encodeURIComponent(period);
    window.history.replaceState(null, '', address);
    updateLinks(groupBy);
    setStatus('Caricamento dei dati…');
    var timeGrouping = groupBy === 'day' || groupBy === 'week' || groupBy === 'month';
    var perfGroups = ['channel', 'queue', 'operator'].concat(timeGrouping ? [groupBy] : []);
    return Promise.all(
      [
        getJson(API + '/satisfaction?' + query(groupBy)),
        getJson(API + '/trend?' + query(groupBy) + '&period=' + encodeURIComponent(period)),
      ].concat(
        perfGroups.map(function (g) {
          return getJson(API + '/performance?' + query(g));
        }),
      ),
    ).then(
      function (results) {
        var satisfaction = results[0];
        var trend = results[1];
        var perf = results.slice(2).map(function (report, i) {
          return { title: 'Prestazioni per ' + GROUP_NAMES[perfGroups[i]], report: report };
        });
        $('report').hidden = false;
        $('groups-by').textContent = GROUP_NAMES[groupBy];
        renderSummary(satisfaction.total, perf[0].report);
        renderTrend(trend);
        var groupRows = satisfaction.groups.map(function (g) {
          return satisfactionRow(g, false);
        });
        if (satisfaction.groups.length > 1) groupRows.push(satisfactionRow(satisfaction.total, true));
        fillBody($('groups-table'), groupRows, 7);
        renderReasons(satisfaction.total);
        renderPerformance(perf);
        setStatus(
          'Dati aggiornati: ' +
            number.format(satisfaction.total.conversations) +
            ' conversazioni, ' +
            number.format(satisfaction.total.rated) +
            ' valutate.',
        );
      },
      function (err) {
        $('report').hidden = true;
        if (err.status === 401) {
          var status = $('status');
          status.replaceChildren(document.createTextNode('Accesso riservato ai supervisori. '));
          var link = el('a', 'Accedi dalla console operatori');
          link.href = '/operator/';
          status.appendChild(link);
          status.classList.add('rp-status-error');
        } else if (err.status === 403) {
          setStatus('Il tuo profilo non può vedere i report: servono i permessi di supervisore.', true);
        } else {
          setStatus('Impossibile caricare i report: ' + err.message, true);
        }
      },
    );
  }

  document.addEventListener('DOMContentLoaded', function () {
    initFilters();
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      load();
    });
    load();
  });
})();
