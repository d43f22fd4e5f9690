// Citizen page: gets a Direct Line token from our own token-exchange endpoint (the secret never
// reaches the browser) and renders the official Web Chat against our Direct Line server.
(function () {
  'use strict';
  var status = document.getElementById('chat-status');
  var chat = document.getElementById('chat');
  // Italian by default; ?lang=en for English.
  var lang = /[?&]lang=en\b/.test(window.location.search) ? 'en-US' : 'it-IT';
  var STORE_KEY = 'la-webchat';

  function saved() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
      return s && s.token && s.expiresAt > Date.now() + 60000 ? s : null;
    } catch (e) {
      return null;
    }
  }

  // The server's limit of new chats per network address (CONVERSATIONS_PER_MINUTE_PER_IP).
  function TooManyChats() {}

  function fetchToken() {
    var s = saved();
    if (s) return Promise.resolve({ record: s, resumed: true });
    return fetch('/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
      .then(function (r) {
        if (r.status === 429) throw new TooManyChats();
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (t) {
        var record = {
          token: t.token,
          conversationId: t.conversationId,
          userId: t.userId,
          expiresAt: Date.now() + t.expires_in * 1000,
        };
        sessionStorage.setItem(STORE_KEY, JSON.stringify(record));
        return { record: record, resumed: false };
      });
  }

  fetchToken()
    .then(function (got) {
      var t = got.record;
      // A new conversation is started (POST conversations: the bot greets); after a reload the
      // same conversation is resumed from its id.
      var directLine = window.WebChat.createDirectLine({
        token: t.token,
        conversationId: got.resumed ? t.conversationId : undefined,
        domain: window.location.origin + '/v3/directline',
        webSocket: true,
      });
      chat.removeChild(status);
      // Web Chat shows every message as the bot's: an operator's message is headed by their name.
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            var a = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload.activity;
            if (a && a.text && a.channelData && a.channelData.operator && a.from && a.from.role !== 'user') {
              var named = Object.assign({}, a, {
                text: '**' + a.channelData.operator + ' (Linea Amica)**\n\n' + a.text,
              });
              action = Object.assign({}, action, {
                payload: Object.assign({}, action.payload, { activity: named }),
              });
            }
            return next(action);
          };
        };
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          userID: t.userId,
          locale: lang,
          styleOptions: {
            accent: '#0066cc',
            botAvatarInitials: 'PL',
            userAvatarInitials: 'Tu',
            bubbleBackground: '#f0f6fc',
            bubbleFromUserBackground: '#e6f0fa',
            suggestedActionLayout: 'flow',
            primaryFont: "'Titillium Web', Geneva, Tahoma, sans-serif",
            subtle: '#5c6f82',
            timestampColor: '#5c6f82',
          },
        },
        chat,
      );
    })
    .catch(function (err) {
      if (err instanceof TooManyChats) {
        status.textContent =
          lang === 'en-US'
            ? 'Too many chats were opened from this network in the last minute: please try again in a minute, or call 0341 295111.'
            : 'Da questa rete sono state aperte troppe chat nell’ultimo minuto: riprova tra un minuto o chiama il centralino 0341 295111.';
        return;
      }
      status.textContent =
        'Non è stato possibile avviare la chat (' +
        err.message +
        '). Riprova più tardi o chiama il centralino 0341 295111.';
    });
})();
