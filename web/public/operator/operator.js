// Linea Amica operator console. Vanilla JS over the documented API (/operator/openapi.yaml).
// Every text from the server is inserted with textContent, never as HTML.
'use strict';

(function () {
  const API = '/api/operator';
  const HEARTBEAT_MS = 20000;
  const TYPING_THROTTLE_MS = 3000;
  const CHANNELS = {
    directline: 'Web Chat',
    webchat: 'Web Chat',
    telegram: 'Telegram',
    msteams: 'Teams',
    emulator: 'Emulator',
  };
  const QUEUE_LABELS = {
    trasporti: 'Trasporti',
    strade: 'Strade',
    ambiente: 'Ambiente',
    'caccia-pesca': 'Caccia e pesca',
    lavoro: 'Lavoro',
    generale: 'Generale',
  };
  const OUTCOME_LABELS = {
    risolto: 'Risolto',
    'da-richiamare': 'Da richiamare',
    'non-di-competenza': 'Non di competenza',
  };

  const state = {
    user: null,
    csrf: '',
    queues: [],
    mine: [],
    queueNames: [],
    currentCase: null,
    seenSeq: new Set(),
    events: null,
    heartbeat: 0,
    lastTypingSent: 0,
    typingTimer: 0,
    canned: [],
    supervisorTimer: 0,
    notify: false,
    audio: null,
    knownWaiting: new Set(),
  };

  const $ = (id) => document.getElementById(id);

  // --- helpers -------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children || []) if (c) node.append(c);
    return node;
  }

  function announce(text) {
    const a = $('announcer');
    a.textContent = '';
    setTimeout(() => (a.textContent = text), 50);
  }

  let toastTimer = 0;
  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (t.hidden = true), 6000);
  }

  function waitLabel(ms) {
    const min = Math.floor(ms / 60000);
    if (min < 1) return 'meno di un minuto';
    if (min < 60) return min === 1 ? '1 minuto' : `${min} minuti`;
    const h = Math.floor(min / 60);
    return `${h} h ${min % 60} min`;
  }

  function timeLabel(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit' });
  }

  function queueLabel(q) {
    return QUEUE_LABELS[q] || q;
  }

  /** The queues an account serves, for people: none assigned means every queue. */
  function queuesLabel(queues) {
    return queues && queues.length ? queues.map(queueLabel).join(', ') : 'tutte le code';
  }

  function channelLabel(c) {
    return CHANNELS[c] || c;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = {};
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(API + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = (data && data.error) || {};
      if (res.status === 401 && path !== '/session' && state.user)
        showLogin('La sessione è scaduta: accedi di nuovo.');
      throw new ApiError(res.status, err.code || 'Error', err.message || `Errore ${res.status}`);
    }
    return data;
  }

  function fail(err) {
    if (err instanceof ApiError && err.status === 401) return;
    toast(err.message || 'Operazione non riuscita');
  }

  // --- views ---------------------------------------------------------------------------------

  function showLogin(message) {
    stopLive();
    state.user = null;
    state.csrf = '';
    $('user-nav').hidden = true;
    $('console-view').hidden = true;
    $('supervisor-view').hidden = true;
    $('login-view').hidden = false;
    $('login-error').textContent = message || '';
    document.title = 'Accesso – Console operatori – Linea Amica';
    $('login-username').focus();
  }

  function showView(name) {
    const sv = name === 'supervisor';
    $('console-view').hidden = sv;
    $('supervisor-view').hidden = !sv;
    $('show-console').setAttribute('aria-pressed', String(!sv));
    $('show-supervisor').setAttribute('aria-pressed', String(sv));
    document.title = (sv ? 'Supervisione' : 'Casi') + ' – Console operatori – Linea Amica';
    clearInterval(state.supervisorTimer);
    if (sv) {
      loadSupervisor();
      state.supervisorTimer = setInterval(loadSupervisor, 10000);
    }
    $('main').focus();
  }

  async function enterConsole(me) {
    state.user = me.user;
    state.csrf = me.csrfToken;
    $('login-view').hidden = true;
    $('user-nav').hidden = false;
    // Operators see and claim the cases of their queues only; supervisors see every queue.
    const scope =
      me.user.role === 'supervisor' ? 'supervisore' : `operatore – ${queuesLabel(me.user.queues)}`;
    $('user-name').textContent = `${me.user.displayName} (${scope})`;
    $('supervisor-nav').hidden = me.user.role !== 'supervisor';
    $('reports-nav').hidden = me.user.role !== 'supervisor';
    $('enable-notifications').hidden = !('Notification' in window) || Notification.permission === 'granted';
    state.notify = 'Notification' in window && Notification.permission === 'granted';
    showView('console');
    await Promise.all([loadQueueNames(), loadCanned(), loadQueues()]);
    startLive();
    const mine = me.cases || [];
    if (!state.currentCase && mine.length > 0) openCase(mine[0].id);
  }

  // --- queues --------------------------------------------------------------------------------

  async function loadQueueNames() {
    const data = await api('GET', '/queue-names');
    state.queueNames = data.queues;
  }

  async function loadQueues() {
    const data = await api('GET', '/queues');
    state.queues = data.queues;
    state.mine = data.mine;
    renderQueues();
  }

  function renderQueues() {
    // Re-rendering must not lose the keyboard focus of someone about to claim a case.
    const focused = document.activeElement && document.activeElement.closest('[data-case]');
    const focusedCase = focused ? focused.getAttribute('data-case') : null;
    const root = $('queues');
    root.replaceChildren();
    let total = 0;
    for (const q of state.queues) {
      if (q.waiting.length === 0) continue;
      total += q.waiting.length;
      const headingId = `queue-${q.queue}`;
      const list = el('ul', { className: 'list-unstyled', 'aria-labelledby': headingId });
      for (const c of q.waiting) list.append(caseCard(c));
      root.append(
        el('div', { className: 'op-queue' }, [
          el('h3', { id: headingId, text: `${queueLabel(q.queue)} (${q.waiting.length})` }),
          list,
        ]),
      );
    }
    $('queues-empty').hidden = total > 0;
    if (focusedCase) {
      const again = root.querySelector(`[data-case="${CSS.escape(focusedCase)}"] button`);
      if (again) again.focus();
    }
    const mine = $('mine');
    mine.replaceChildren();
    if (state.mine.length === 0)
      mine.append(el('li', { className: 'op-muted', text: 'Nessun caso in carico.' }));
    for (const c of state.mine) {
      mine.append(
        el('li', { className: 'op-card' }, [
          el('p', { text: c.summary || 'Senza riepilogo' }),
          el('button', {
            type: 'button',
            className: 'btn btn-sm btn-outline-primary',
            text: 'Apri',
            'aria-label': `Apri il caso: ${c.summary || 'senza riepilogo'}`,
            onclick: () => openCase(c.id),
          }),
        ]),
      );
    }
  }

  function caseCard(c) {
    const waitedMs = Date.now() - Date.parse(c.queuedAt);
    const kind =
      c.kind === 'callback'
        ? el('span', { className: 'op-badge op-badge-callback', text: 'Da richiamare' })
        : el('span', { className: 'op-badge', text: 'In diretta' });
    return el(
      'li',
      { className: 'op-card' + (state.knownWaiting.has(c.id) ? '' : ' op-card-new'), 'data-case': c.id },
      [
        el('p', {}, [kind, document.createTextNode(` ${channelLabel(c.channel)}`)]),
        el('p', {}, [el('strong', { text: c.summary || 'Senza riepilogo' })]),
        c.procedureId ? el('p', { text: `Procedimento: ${c.procedureId}` }) : null,
        el('p', {
          className: 'op-wait',
          'data-queued-at': c.queuedAt,
          'data-requeued': c.requeues > 0 ? 'yes' : 'no',
          text: waitText(waitedMs, c.requeues > 0),
        }),
        el('button', {
          type: 'button',
          className: 'btn btn-sm btn-primary',
          text: 'Prendi in carico',
          'aria-label': `Prendi in carico: ${c.summary || 'caso senza riepilogo'}`,
          onclick: () => claim(c.id),
        }),
      ],
    );
  }

  function waitText(ms, requeued) {
    return `In attesa da ${waitLabel(ms)}${requeued ? ' (rimesso in coda)' : ''}`;
  }

  function refreshWaits() {
    for (const p of document.querySelectorAll('.op-wait')) {
      const ms = Date.now() - Date.parse(p.getAttribute('data-queued-at'));
      p.textContent = waitText(ms, p.getAttribute('data-requeued') === 'yes');
    }
  }

  async function claim(id) {
    try {
      const data = await api('POST', `/cases/${encodeURIComponent(id)}/claim`);
      showCase(data.case, data.messages);
      announce('Caso preso in carico');
      await loadQueues();
      $('reply-text').focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        toast('Caso già preso in carico da un collega.');
        await loadQueues();
      } else if (err instanceof ApiError && err.code === 'QueueNotServed') {
        // The case moved to a queue this operator does not serve (e.g. a transfer).
        toast(err.message);
        await loadQueues();
      } else fail(err);
    }
  }

  // --- case ----------------------------------------------------------------------------------

  async function openCase(id) {
    try {
      const data = await api('GET', `/cases/${encodeURIComponent(id)}`);
      showCase(data.case, data.messages);
    } catch (err) {
      fail(err);
    }
  }

  function showCase(c, messages) {
    state.currentCase = c;
    state.seenSeq = new Set();
    $('case-none').hidden = true;
    $('case-panel').hidden = false;
    $('case-summary').textContent = c.summary || 'Senza riepilogo';
    $('case-channel').textContent = channelLabel(c.channel);
    $('case-queue').textContent = queueLabel(c.queue);
    $('case-procedure').textContent = c.procedureId || '—';
    $('case-kind').textContent = c.kind === 'callback' ? 'Da richiamare (messaggio lasciato)' : 'In diretta';
    const contact = c.contact || {};
    const parts = [contact.name, contact.email, contact.phone].filter(Boolean);
    $('case-contact').textContent = parts.length ? parts.join(' · ') : 'Nessun contatto lasciato';
    const transcript = $('transcript');
    transcript.replaceChildren();
    for (const m of messages) appendMessage(m, false);
    fillTransferQueues(c.queue);
    $('typing').textContent = '';
    suggestFromLastCitizenMessage(messages);
  }

  async function catchUp(id) {
    try {
      const data = await api('GET', `/cases/${encodeURIComponent(id)}`);
      if (!state.currentCase || state.currentCase.id !== id) return;
      if (data.case.state !== 'assigned' || data.case.operator !== state.user.username) {
        clearCase();
        toast('Il caso aperto non è più in carico a te.');
        return;
      }
      for (const m of data.messages) appendMessage(m, true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'QueueNotServed') {
        clearCase();
        toast('Il caso aperto non è più in carico a te.');
      } else fail(err);
    }
  }

  function clearCase() {
    state.currentCase = null;
    $('case-panel').hidden = true;
    $('case-none').hidden = false;
    $('kb-suggestions').replaceChildren();
  }

  const FROM_LABELS = {
    citizen: 'Cittadino',
    bot: 'Assistente virtuale',
    operator: 'Operatore',
    note: 'Nota interna',
    system: 'Sistema',
  };

  function appendMessage(m, live) {
    if (state.seenSeq.has(m.seq)) return;
    state.seenSeq.add(m.seq);
    const who =
      m.from === 'operator' && m.operator
        ? `${FROM_LABELS.operator} ${m.operator}`
        : FROM_LABELS[m.from] || m.from;
    const item = el('li', { className: `op-msg op-msg-${m.from}` }, [
      el('span', { className: 'op-msg-meta', text: `${who}, ${timeLabel(m.at)}` }),
      document.createTextNode(m.text),
      m.attachments && m.attachments.length
        ? el('span', { className: 'op-msg-meta', text: `Allegati: ${m.attachments.join(', ')}` })
        : null,
    ]);
    const transcript = $('transcript');
    transcript.append(item);
    const log = $('transcript-log');
    log.scrollTop = log.scrollHeight;
    if (live && m.from === 'citizen') $('typing').textContent = '';
  }

  function fillTransferQueues(current) {
    const sel = $('transfer-queue');
    sel.replaceChildren();
    for (const q of state.queueNames) {
      if (q === current) continue;
      sel.append(el('option', { value: q, text: queueLabel(q) }));
    }
  }

  function caseId() {
    return state.currentCase ? encodeURIComponent(state.currentCase.id) : '';
  }

  async function sendReply(ev) {
    ev.preventDefault();
    const box = $('reply-text');
    const text = box.value.trim();
    if (!text || !state.currentCase) return;
    try {
      const data = await api('POST', `/cases/${caseId()}/messages`, { text });
      appendMessage(data.message, false);
      box.value = '';
      box.focus();
    } catch (err) {
      fail(err);
    }
  }

  function onReplyInput() {
    if (!state.currentCase) return;
    const now = Date.now();
    if (now - state.lastTypingSent < TYPING_THROTTLE_MS) return;
    state.lastTypingSent = now;
    api('POST', `/cases/${caseId()}/typing`).catch(() => undefined);
  }

  async function saveNote(ev) {
    ev.preventDefault();
    const box = $('note-text');
    const text = box.value.trim();
    if (!text || !state.currentCase) return;
    try {
      const data = await api('POST', `/cases/${caseId()}/notes`, { text });
      appendMessage(data.message, false);
      box.value = '';
      announce('Nota salvata');
    } catch (err) {
      fail(err);
    }
  }

  async function transfer(ev) {
    ev.preventDefault();
    if (!state.currentCase) return;
    const queue = $('transfer-queue').value;
    const note = $('transfer-note').value.trim();
    try {
      await api('POST', `/cases/${caseId()}/transfer`, note ? { queue, note } : { queue });
      $('transfer-note').value = '';
      clearCase();
      announce(`Caso trasferito alla coda ${queueLabel(queue)}`);
      toast(`Caso trasferito alla coda ${queueLabel(queue)}.`);
      await loadQueues();
    } catch (err) {
      fail(err);
    }
  }

  async function release() {
    if (!state.currentCase) return;
    try {
      await api('POST', `/cases/${caseId()}/release`);
      clearCase();
      announce('Caso rimesso in coda');
      await loadQueues();
    } catch (err) {
      fail(err);
    }
  }

  async function closeCase(ev) {
    ev.preventDefault();
    if (!state.currentCase) return;
    const outcome = $('close-outcome').value;
    try {
      await api('POST', `/cases/${caseId()}/close`, { outcome });
      clearCase();
      announce(`Caso chiuso: ${OUTCOME_LABELS[outcome]}`);
      toast(`Caso chiuso (${OUTCOME_LABELS[outcome]}). Il cittadino torna all'assistente virtuale.`);
      await loadQueues();
      $('main').focus();
    } catch (err) {
      fail(err);
    }
  }

  // --- agent assist and canned replies -------------------------------------------------------

  function insertIntoReply(text) {
    const box = $('reply-text');
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? box.value.length;
    const before = box.value.slice(0, start);
    const sep = before && !/\s$/.test(before) ? ' ' : '';
    box.value = before + sep + text + box.value.slice(end);
    box.focus();
    const pos = (before + sep + text).length;
    box.setSelectionRange(pos, pos);
  }

  function renderKb(listId, results) {
    const list = $(listId);
    list.replaceChildren();
    if (results.length === 0) {
      list.append(el('li', { className: 'op-muted', text: 'Nessuna voce trovata.' }));
      return;
    }
    for (const r of results) {
      list.append(
        el('li', { className: 'op-kb-item' }, [
          el('p', {}, [el('strong', { text: r.title })]),
          el('p', { text: r.summary }),
          el('button', {
            type: 'button',
            className: 'btn btn-sm btn-outline-primary',
            text: 'Inserisci nella risposta',
            'aria-label': `Inserisci nella risposta: ${r.title}`,
            disabled: !state.currentCase,
            onclick: () => insertIntoReply(r.summary),
          }),
        ]),
      );
    }
  }

  async function searchKb(ev) {
    ev.preventDefault();
    const q = $('kb-query').value.trim();
    if (!q) return;
    try {
      const data = await api('GET', `/kb?q=${encodeURIComponent(q)}&limit=5`);
      renderKb('kb-results', data.results);
      announce(`${data.results.length} risultati nella base di conoscenza`);
    } catch (err) {
      fail(err);
    }
  }

  async function suggestFromLastCitizenMessage(messages) {
    const last = [...messages].reverse().find((m) => m.from === 'citizen');
    if (!last) {
      $('kb-suggestions').replaceChildren();
      return;
    }
    try {
      const data = await api('GET', `/kb?q=${encodeURIComponent(last.text.slice(0, 500))}&limit=3`);
      renderKb('kb-suggestions', data.results);
    } catch (err) {
      fail(err);
    }
  }

  async function loadCanned() {
    const data = await api('GET', '/canned-replies');
    state.canned = data.replies;
    const sel = $('canned-select');
    sel.replaceChildren();
    for (const r of state.canned) sel.append(el('option', { value: r.id, text: r.title }));
    $('canned-insert').disabled = state.canned.length === 0;
    renderCannedEditor();
  }

  function insertCanned() {
    const r = state.canned.find((x) => x.id === $('canned-select').value);
    if (r) insertIntoReply(r.text);
  }

  function renderCannedEditor() {
    const list = $('sv-canned');
    if (!state.user || state.user.role !== 'supervisor') return;
    list.replaceChildren();
    for (const r of state.canned) {
      list.append(
        el('li', { className: 'op-card' }, [
          el('p', {}, [el('strong', { text: r.title })]),
          el('p', { text: r.text }),
          el('div', { className: 'd-flex gap-2' }, [
            el('button', {
              type: 'button',
              className: 'btn btn-sm btn-outline-primary',
              text: 'Modifica',
              'aria-label': `Modifica: ${r.title}`,
              onclick: () => editCanned(r),
            }),
            el('button', {
              type: 'button',
              className: 'btn btn-sm btn-outline-primary',
              text: 'Elimina',
              'aria-label': `Elimina: ${r.title}`,
              onclick: () => deleteCanned(r),
            }),
          ]),
        ]),
      );
    }
  }

  function editCanned(r) {
    $('canned-id').value = r.id;
    $('canned-title').value = r.title;
    $('canned-text').value = r.text;
    $('canned-legend').textContent = 'Modifica risposta pronta';
    $('canned-title').focus();
  }

  function resetCannedForm() {
    $('canned-id').value = '';
    $('canned-title').value = '';
    $('canned-text').value = '';
    $('canned-legend').textContent = 'Nuova risposta pronta';
  }

  async function saveCanned(ev) {
    ev.preventDefault();
    const id = $('canned-id').value;
    const body = { title: $('canned-title').value.trim(), text: $('canned-text').value.trim() };
    if (!body.title || !body.text) {
      toast('Titolo e testo sono obbligatori.');
      return;
    }
    try {
      if (id) await api('PUT', `/canned-replies/${encodeURIComponent(id)}`, body);
      else await api('POST', '/canned-replies', body);
      resetCannedForm();
      await loadCanned();
      announce('Risposta pronta salvata');
    } catch (err) {
      fail(err);
    }
  }

  async function deleteCanned(r) {
    if (!window.confirm(`Eliminare la risposta pronta "${r.title}"?`)) return;
    try {
      await api('DELETE', `/canned-replies/${encodeURIComponent(r.id)}`);
      await loadCanned();
      announce('Risposta pronta eliminata');
    } catch (err) {
      fail(err);
    }
  }

  // --- supervisor ----------------------------------------------------------------------------

  async function loadSupervisor() {
    try {
      const data = await api('GET', '/supervisor');
      const qs = $('sv-queues');
      qs.replaceChildren();
      for (const q of data.queues) {
        qs.append(
          el('tr', {}, [
            el('th', { scope: 'row', text: queueLabel(q.queue) }),
            el('td', { text: String(q.waiting) }),
            el('td', { text: q.waiting > 0 ? waitLabel(q.oldestWaitMs) : '—' }),
            el('td', { text: String(q.operatorsOnline) }),
          ]),
        );
      }
      const ops = $('sv-operators');
      ops.replaceChildren();
      if (data.operators.length === 0)
        ops.append(el('tr', {}, [el('td', { colspan: '5', text: 'Nessun operatore collegato.' })]));
      for (const o of data.operators) {
        const cases = o.cases.length
          ? o.cases.map((c) => `${queueLabel(c.queue)}: ${c.summary || 'senza riepilogo'}`).join('; ')
          : 'Nessuno';
        ops.append(
          el('tr', {}, [
            el('th', { scope: 'row', text: o.displayName }),
            el('td', { text: o.role === 'supervisor' ? 'Supervisore' : 'Operatore' }),
            el('td', { text: queuesLabel(o.queues) }),
            el('td', { text: timeLabel(o.lastSeenAt) }),
            el('td', { text: cases }),
          ]),
        );
      }
    } catch (err) {
      fail(err);
    }
  }

  // --- live events, notifications ------------------------------------------------------------

  function startLive() {
    stopLive();
    const es = new EventSource(`${API}/events`);
    state.events = es;
    // After a reconnect, catch up on whatever happened while the stream was down.
    es.addEventListener('ready', () => {
      loadQueues().catch(fail);
      if (state.currentCase) catchUp(state.currentCase.id);
    });
    es.addEventListener('case.queued', (ev) => {
      const { case: c } = JSON.parse(ev.data);
      newCaseArrived(c);
      loadQueues().catch(fail);
    });
    for (const type of [
      'case.assigned',
      'case.released',
      'case.transferred',
      'case.requeued',
      'case.closed',
    ]) {
      es.addEventListener(type, (ev) => {
        const { case: c } = JSON.parse(ev.data);
        if (type === 'case.requeued' || type === 'case.transferred') newCaseArrived(c);
        if (state.currentCase && c.id === state.currentCase.id && type !== 'case.assigned') {
          if (type === 'case.closed' || c.operator !== state.user.username) {
            clearCase();
            toast('Il caso aperto non è più in carico a te.');
          }
        }
        loadQueues().catch(fail);
      });
    }
    es.addEventListener('case.message', (ev) => {
      const { caseId, message } = JSON.parse(ev.data);
      if (state.currentCase && caseId === state.currentCase.id) {
        appendMessage(message, true);
        if (message.from === 'citizen') {
          announce('Nuovo messaggio dal cittadino');
          suggestFromLastCitizenMessage([message]);
        }
      } else if (message.from === 'citizen') {
        toast('Nuovo messaggio su un altro tuo caso.');
      }
    });
    es.addEventListener('case.typing', (ev) => {
      const { caseId } = JSON.parse(ev.data);
      if (!state.currentCase || caseId !== state.currentCase.id) return;
      $('typing').textContent = 'Il cittadino sta scrivendo…';
      clearTimeout(state.typingTimer);
      state.typingTimer = setTimeout(() => ($('typing').textContent = ''), 5000);
    });
    state.heartbeat = setInterval(() => api('POST', '/heartbeat').catch(() => undefined), HEARTBEAT_MS);
  }

  function stopLive() {
    if (state.events) state.events.close();
    state.events = null;
    clearInterval(state.heartbeat);
    clearInterval(state.supervisorTimer);
  }

  function newCaseArrived(c) {
    if (c.state !== 'queued' || state.knownWaiting.has(c.id)) return;
    const text = `Nuovo caso in coda ${queueLabel(c.queue)}: ${c.summary || 'senza riepilogo'}`;
    announce(text);
    beep();
    // Only when the operator is looking elsewhere: on screen, the list and the sound are enough.
    if (state.notify && (document.visibilityState !== 'visible' || !document.hasFocus())) {
      try {
        const n = new Notification('Linea Amica – nuovo caso', { body: text, tag: c.id });
        n.onclick = () => window.focus();
      } catch {
        // Some browsers only allow notifications from a service worker: the sound is enough.
      }
    }
    setTimeout(() => state.knownWaiting.add(c.id), 10000);
  }

  function beep() {
    try {
      state.audio = state.audio || new AudioContext();
      const ctx = state.audio;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    } catch {
      // No audio device or not allowed before a user gesture.
    }
  }

  async function enableNotifications() {
    if (!('Notification' in window)) return;
    const permission = await Notification.requestPermission();
    state.notify = permission === 'granted';
    if (state.notify) {
      $('enable-notifications').hidden = true;
      announce('Notifiche attivate');
    } else toast('Il browser non ha concesso le notifiche: resta il suono.');
    beep();
  }

  // --- login ---------------------------------------------------------------------------------

  async function login(ev) {
    ev.preventDefault();
    const username = $('login-username').value.trim();
    const password = $('login-password').value;
    if (!username || !password) {
      $('login-error').textContent = 'Inserisci nome utente e password.';
      return;
    }
    try {
      const data = await api('POST', '/session', { username, password });
      $('login-password').value = '';
      $('login-error').textContent = '';
      await enterConsole({ user: data.user, csrfToken: data.csrfToken, cases: [] });
      const me = await api('GET', '/me');
      if (me.cases.length && !state.currentCase) openCase(me.cases[0].id);
    } catch (err) {
      $('login-password').value = '';
      $('login-error').textContent =
        err instanceof ApiError && err.status === 429
          ? 'Troppi tentativi falliti: riprova tra 15 minuti.'
          : err.message || 'Accesso non riuscito.';
      $('login-password').focus();
    }
  }

  async function logout() {
    try {
      await api('DELETE', '/session');
    } catch {
      // Already logged out.
    }
    clearCase();
    showLogin('Sei uscito dalla console.');
  }

  // --- start ---------------------------------------------------------------------------------

  function wire() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('show-console').addEventListener('click', () => showView('console'));
    $('show-supervisor').addEventListener('click', () => showView('supervisor'));
    $('enable-notifications').addEventListener('click', enableNotifications);
    $('reply-form').addEventListener('submit', sendReply);
    $('reply-text').addEventListener('input', onReplyInput);
    $('reply-text').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) sendReply(ev);
    });
    $('canned-insert').addEventListener('click', insertCanned);
    $('note-form').addEventListener('submit', saveNote);
    $('transfer-form').addEventListener('submit', transfer);
    $('release').addEventListener('click', release);
    $('close-form').addEventListener('submit', closeCase);
    $('kb-form').addEventListener('submit', searchKb);
    $('canned-form').addEventListener('submit', saveCanned);
    $('canned-cancel').addEventListener('click', resetCannedForm);
    // Waiting times age on screen.
    setInterval(refreshWaits, 30000);
  }

  async function start() {
    wire();
    try {
      const me = await api('GET', '/me');
      await enterConsole(me);
    } catch {
      showLogin('');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
