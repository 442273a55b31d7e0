// clamp3 serve: the search page. Plain JavaScript, no build step; abcjs (vendor/) engraves scores.
// Sections: api (token, errors) · helpers · header · search · cards (audio, score, midi, text) ·
// sound (one thing plays at a time; a small WebAudio synth) · map · drop zone · start-up.
'use strict';

(() => {
  const $ = (sel, root = document) => root.querySelector(sel);

  const KIND_LABEL = { audio: 'Recording', score: 'Score', midi: 'MIDI', text: 'Text', feature: 'Feature' };
  const MODALITY_COLOR = { audio: '#e0703a', symbolic: '#6c55cf', text: '#c99a0e' };
  const TOKEN_KEY = 'clamp3.token';

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    results: [],      // the last query's results, in rank order
    points: [],       // the map's points
    query: null,      // {text}, {file, label} or {key, label}
    seq: 0,           // search counter: a late answer to an old query is dropped
  };

  // ------------------------------------------------------------------ api

  class ApiError extends Error {
    constructor(message, status, retryAfter) { super(message); this.status = status; this.retryAfter = retryAfter; }
  }

  let tokenPrompt = null;
  $('#token-dialog').addEventListener('cancel', (e) => e.preventDefault()); // no way past it but a token

  /** Asks for the access token once, however many requests were refused meanwhile. */
  function askToken(rejected) {
    if (!tokenPrompt) {
      tokenPrompt = new Promise((resolve) => {
        const dialog = $('#token-dialog');
        $('#token-error').hidden = !rejected;
        $('#token').value = '';
        $('#token-form').onsubmit = () => {
          state.token = $('#token').value.trim();
          sessionStorage.setItem(TOKEN_KEY, state.token);
          tokenPrompt = null;
          resolve();
        };
        dialog.showModal();
      });
    }
    return tokenPrompt;
  }

  /**
   * fetch under /api with the token. A 401 asks for the token and retries; a 503 with Retry-After
   * (the server is busy) is retried a few times; other errors throw ApiError.
   */
  async function api(path, options = {}) {
    for (let busyTries = 0; ; ) {
      const headers = new Headers(options.headers || {});
      if (state.token) headers.set('Authorization', 'Bearer ' + state.token);
      const sent = state.token;
      const res = await fetch(path, { ...options, headers });
      if (res.status === 401) {
        await askToken(Boolean(sent));
        continue;
      }
      if (!res.ok) {
        let message = '';
        try { message = (await res.json()).error; } catch (e) { /* not JSON */ }
        const retry = Number(res.headers.get('Retry-After')) || 0;
        if (res.status === 503 && retry && retry <= 5 && busyTries++ < 3) {
          await new Promise((resolve) => setTimeout(resolve, retry * 1000));
          continue;
        }
        throw new ApiError(message || `${res.status} ${res.statusText}`, res.status, Math.min(retry, 30));
      }
      return res;
    }
  }
  const apiJson = async (path, options) => (await api(path, options)).json();

  /** A media URL for elements that cannot send headers (audio): the token goes in the query. */
  function withToken(url) {
    return state.token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(state.token) : url;
  }
  const itemUrl = (key) => 'api/items/' + encodeURIComponent(key);
  const mediaOf = (item) => item.media || itemUrl(item.key) + '/media';

  // ------------------------------------------------------------------ helpers

  /** Creates an element: el('p', {class: 'x', onclick: f}, 'text', child…). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    node.append(...children.filter((c) => c != null));
    return node;
  }

  /** 95.3 → "01:35"; an hour or more → "1:02:03". */
  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds || 0));
    const two = (n) => String(n).padStart(2, '0');
    const h = Math.floor(s / 3600);
    return (h ? h + ':' : '') + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
  }

  const basename = (path) => String(path || '').split('/').pop();
  /** "piano_waltz-zh" → "Piano waltz zh": a readable name from a key when the metadata has no title. */
  const humanize = (key) => {
    const s = basename(key).replace(/[_-]+/g, ' ').trim();
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  const titles = new Map(); // key → title, as results and opened items tell them (map points may have none)
  const titleOf = (item) => (item.metadata && item.metadata.title) || item.title || titles.get(item.key) || humanize(item.key);

  /** "artists · composer · tracks" whichever the metadata has, and the duration. */
  function bylineOf(item) {
    const m = item.metadata || {};
    const who = [];
    if (Array.isArray(m.artists) && m.artists.length) who.push(m.artists.join(', '));
    if (m.composer) who.push(m.composer);
    if (!who.length && Array.isArray(m.tracks) && m.tracks.length) who.push(m.tracks.filter(Boolean).join(' · '));
    if (m.duration) who.push(clock(m.duration));
    return who.join(' · ');
  }

  // ------------------------------------------------------------------ header

  async function loadInfo() {
    const box = $('#collection');
    try {
      const info = await apiJson('api/info');
      const items = info.items || {};
      // the collection's name: the server's, else the last two folders of the source
      const name = info.name || String(info.source || '').replace(/\/+$/, '').split('/').slice(-2).join('/') || 'collection';
      const count = (n, word, cls) => el('span', { class: 'count' + (cls ? '' : ' total') },
        cls ? el('i', { class: 'dot ' + cls }) : null, `${n} ${word}`);
      box.replaceChildren(
        el('span', { class: 'name', title: info.source || '' }, name),
        count(info.count, info.count === 1 ? 'piece' : 'pieces'),
        items.audio ? count(items.audio, 'recordings', 'audio') : null,
        items.symbolic ? count(items.symbolic, 'scores & MIDI', 'symbolic') : null,
        items.text ? count(items.text, 'texts', 'text') : null,
      );
      box.title = [info.model && 'model ' + info.model, info.dimension && info.dimension + ' dimensions',
        info.segments && info.segments + ' audio segments'].filter(Boolean).join(' · ');
    } catch (e) {
      box.replaceChildren(el('span', { class: 'error-text' }, 'server not reachable: ' + e.message));
    }
  }

  function busy(on) {
    const header = $('.top');
    let line = $('.busy-line', header);
    if (on && !line) header.append(el('div', { class: 'busy-line' }));
    if (!on && line) line.remove();
    $('#go').disabled = on;
    $('#results').setAttribute('aria-busy', String(on));
  }

  // ------------------------------------------------------------------ search

  const form = $('#search-form');
  const modality = () => form.elements.modality.value;
  const topK = () => Number($('#k').value);

  /** Runs a query: {text}, {file, label} or {key, label}; renders the results and lights them up on the map. */
  async function search(query) {
    const seq = ++state.seq;
    state.query = query;
    Sound.stop();
    $('#intro').hidden = true;
    busy(true);
    showStatus(el('span', {}, el('span', { class: 'spinner' }), query.text != null ? 'Searching…' : query.key != null ? `Looking for pieces like ${query.label}…` : `Reading ${query.label}…`));
    let body;
    let headers = {};
    if (query.text != null || query.key != null) {
      const q = query.key != null ? { key: query.key, k: topK() } : { text: query.text, k: topK() };
      if (modality()) q.modality = modality();
      body = JSON.stringify(q);
      headers = { 'Content-Type': 'application/json' };
      if (query.text != null) rememberQuery(query.text);
    } else {
      body = new FormData();
      body.append('file', query.file, query.file.name);
      body.append('k', String(topK()));
      if (modality()) body.append('modality', modality());
    }
    try {
      const answer = await apiJson('api/search', { method: 'POST', headers, body });
      if (seq !== state.seq) return;
      state.results = answer.results || [];
      renderResults(answer);
    } catch (e) {
      if (seq !== state.seq) return;
      state.results = [];
      $('#results').replaceChildren();
      showStatus(el('div', { class: 'error', role: 'alert' }, e.message,
        el('button', { type: 'button', class: 'link', onclick: () => search(query) }, 'Try again')));
    } finally {
      if (seq === state.seq) busy(false);
      Map2D.draw();
    }
  }

  function showStatus(node) { $('#status').replaceChildren(node); }

  function renderResults(answer) {
    const results = state.results;
    const what = state.query.text != null ? `“${state.query.text}”` : state.query.label;
    const clear = el('button', { type: 'button', title: 'Clear', 'aria-label': 'Clear the query', onclick: reset }, '×');
    showStatus(el('span', {},
      `${results.length} ${results.length === 1 ? 'result' : 'results'} ${state.query.text != null ? 'for' : 'like'} `,
      el('span', { class: 'query-chip' }, what, clear),
      answer.took_ms != null ? el('span', { class: 'took' }, ` · ${answer.took_ms} ms`) : null));
    const list = $('#results');
    if (!results.length) {
      list.replaceChildren(el('li', { class: 'empty' }, 'Nothing matched. Try other words, or show everything.'));
      return;
    }
    list.replaceChildren(...results.map((r, i) => card(r, i + 1)));
  }

  /** Back to the start: no query, no results. */
  function reset() {
    state.seq++;
    state.query = null;
    state.results = [];
    Sound.stop();
    busy(false);
    $('#q').value = '';
    $('#status').replaceChildren();
    $('#results').replaceChildren();
    $('#intro').hidden = false;
    history.replaceState(null, '', location.pathname);
    Map2D.draw();
  }

  /** The text query goes into the address (#q=…&m=…) so a search can be reloaded or shared. */
  function rememberQuery(text) {
    const params = new URLSearchParams({ q: text });
    if (modality()) params.set('m', modality());
    history.replaceState(null, '', '#' + params);
  }

  /** "More like this": the item's own stored vector is the query. */
  function searchLike(item) {
    $('#q').value = '';
    window.scrollTo({ top: 0, behavior: 'smooth' });
    search({ key: item.key, label: titleOf(item) });
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('#q').value.trim();
    if (text) search({ text });
    else $('#q').focus();
  });
  // a new filter or k re-runs the current query
  form.addEventListener('change', (e) => {
    if (e.target.name !== 'q' && state.query) search(state.query);
  });
  for (const b of document.querySelectorAll('.example')) {
    b.addEventListener('click', () => { $('#q').value = b.textContent; search({ text: b.textContent }); });
  }
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && document.activeElement.tagName !== 'INPUT') { e.preventDefault(); $('#q').focus(); }
  });

  // ------------------------------------------------------------------ cards

  /** A result card (rank > 0) or an item opened from the map (rank 0). */
  function card(item, rank) {
    const node = $('#card-template').content.firstElementChild.cloneNode(true);
    if (item.metadata && item.metadata.title) titles.set(item.key, item.metadata.title);
    node.dataset.key = item.key;
    node.dataset.modality = item.modality;
    node.dataset.kind = item.kind;
    node.id = 'item-' + encodeURIComponent(item.key);
    $('.rank', node).textContent = rank || '·';
    $('.title', node).textContent = titleOf(item);
    $('.title', node).title = item.key;
    $('.byline', node).textContent = bylineOf(item);
    const badge = $('.badge', node);
    badge.textContent = KIND_LABEL[item.kind] || item.modality;
    badge.classList.add(item.kind);
    if (item.similarity != null) {
      $('.bar span', node).style.width = Math.max(0, Math.min(1, item.similarity)) * 100 + '%';
      $('.sim .num', node).textContent = item.similarity.toFixed(3);
    } else {
      $('.sim', node).remove();
    }
    const seg = item.segment;
    $('.where', node).textContent = item.path + (seg ? ` · best match ${clock(seg.start)}–${clock(seg.end)}` : '');
    $('.like', node).addEventListener('click', () => searchLike(item));
    const body = $('.body', node);
    const fill = { audio: audioBody, score: scoreBody, midi: midiBody, text: textBody }[item.kind];
    if (fill) fill(item, body);
    return node;
  }

  /** Audio: the player, a timeline with the matched segment, and a button that plays from it. */
  function audioBody(item, body) {
    const audio = el('audio', { controls: true, preload: 'metadata', src: withToken(mediaOf(item)) });
    const seg = item.segment || (item.segments && item.segments[0]);
    const head = el('div', { class: 'head' });
    const segBox = el('div', { class: 'seg', hidden: !seg });
    const ticks = el('div', { class: 'ticks' }, el('span', {}, '00:00'), el('span', {}, ''));
    const timeline = el('div', { class: 'timeline', title: 'click to jump' }, segBox, head, ticks);
    let duration = (item.metadata && item.metadata.duration) || 0;
    const layout = () => {
      if (!duration) return;
      ticks.lastChild.textContent = clock(duration);
      if (seg) {
        segBox.style.left = (seg.start / duration) * 100 + '%';
        segBox.style.width = (Math.min(seg.end, duration) - seg.start) / duration * 100 + '%';
      }
      head.style.left = (audio.currentTime / duration) * 100 + '%';
    };
    audio.addEventListener('loadedmetadata', () => { if (isFinite(audio.duration)) duration = audio.duration; layout(); });
    audio.addEventListener('timeupdate', layout);
    const pause = () => audio.pause();
    audio.addEventListener('play', () => Sound.claim(pause));
    timeline.addEventListener('click', (e) => {
      if (!duration) return;
      const r = timeline.getBoundingClientRect();
      audio.currentTime = ((e.clientX - r.left) / r.width) * duration;
      audio.play();
    });
    const controls = el('div', { class: 'controls' });
    if (seg) {
      controls.append(el('button', {
        type: 'button', class: 'play',
        onclick: () => { audio.currentTime = seg.start; audio.play(); },
      }, el('span', { class: 'icon' }, '▶'), `Play from ${clock(seg.start)}`),
      el('span', { class: 'hint' }, `the part that matched: ${clock(seg.start)}–${clock(seg.end)}`));
    }
    layout();
    body.append(el('div', { class: 'audio-box' }, audio, timeline, controls));
  }

  /** Score: ABC engraved by abcjs (SVG), played by the small synth with the notes lit as they sound. */
  async function scoreBody(item, body) {
    const box = el('div', { class: 'score' }, el('span', { class: 'muted' }, 'engraving…'));
    body.append(box);
    let abc;
    try {
      abc = await (await api(mediaOf(item))).text();
    } catch (e) {
      box.replaceChildren(el('span', { class: 'error-text' }, 'score not available: ' + e.message));
      return;
    }
    if (!window.ABCJS) {
      box.replaceChildren(el('pre', {}, abc));
      return;
    }
    box.replaceChildren();
    const width = Math.max(280, (box.clientWidth || 600) - 24);
    const [tune] = ABCJS.renderAbc(box, engravable(abc), {
      add_classes: true, responsive: 'resize', staffwidth: width, scale: 0.95,
      paddingtop: 4, paddingbottom: 4, paddingleft: 0, paddingright: 0,
      wrap: { minSpacing: 1.6, maxSpacing: 2.6, preferredMeasuresPerLine: 4 },
    });
    if (!tune) return;
    // long scores are cut, with a toggle
    const controls = el('div', { class: 'controls' });
    requestAnimationFrame(() => {
      if (box.scrollHeight > box.clientHeight + 4) {
        box.classList.add('clipped');
        const toggle = el('button', { type: 'button', class: 'link' }, 'Show the whole score');
        toggle.onclick = () => {
          const open = box.classList.toggle('open');
          toggle.textContent = open ? 'Show less' : 'Show the whole score';
        };
        controls.append(toggle);
      }
    });
    const notes = abcNotes(tune);
    if (notes.length) {
      const total = Math.max(...notes.map((n) => n.t + n.d));
      let cursor = null;
      const lit = [];
      const unlight = () => { while (lit.length) lit.pop().classList.remove('playing'); };
      const button = playButton(`Play · ${clock(total)}`, () => {
        if (ABCJS.TimingCallbacks) {
          cursor = new ABCJS.TimingCallbacks(tune, {
            eventCallback: (ev) => {
              unlight();
              if (!ev || !ev.elements) return;
              for (const group of ev.elements) for (const e of group) { e.classList.add('playing'); lit.push(e); }
            },
          });
          cursor.start();
        }
        return Sound.play(notes, {
          onEnd: () => { if (cursor) cursor.stop(); unlight(); },
        });
      });
      controls.prepend(button);
    }
    body.append(controls);
  }

  /** The card shows title and composer itself: drop them (and the tempo mark) from the engraving. */
  function engravable(abc) {
    const lines = abc.split(/\r?\n/);
    const body = lines.findIndex((line) => /^K:/.test(line));
    return ['%%printtempo false']
      .concat(lines.filter((line, i) => !(i < body && /^[TC]:/.test(line))))
      .join('\n');
  }

  /** abcjs's note events (whole notes) as {t, d, p, v} in seconds, at the tune's own tempo. */
  function abcNotes(tune) {
    try {
      const seq = tune.setUpAudio({});
      const meter = tune.getMeterFraction();
      const meterSize = meter && meter.den ? meter.num / meter.den : 1;
      const perWhole = tune.millisecondsPerMeasure(seq.tempo) / 1000 / meterSize;
      const notes = [];
      for (const track of seq.tracks) {
        for (const ev of track) {
          if (ev.cmd === 'note' && ev.duration > 0 && ev.pitch != null) {
            const gap = Math.min((ev.gap || 0) / 1920, ev.duration * 2 / 3);
            notes.push({ t: ev.start * perWhole, d: (ev.duration - gap) * perWhole, p: ev.pitch, v: ev.volume || 80 });
          }
        }
      }
      return notes;
    } catch (e) {
      return [];
    }
  }

  /** MIDI (and MTF): a piano roll of the notes and a play/stop button. */
  async function midiBody(item, body) {
    const canvas = el('canvas');
    const head = el('div', { class: 'head' });
    const roll = el('div', { class: 'roll' }, canvas, head);
    const controls = el('div', { class: 'controls' }, el('span', { class: 'hint' }, 'reading notes…'));
    body.append(roll, controls);
    let notes;
    try {
      notes = (await apiJson(itemUrl(item.key) + '/notes')).notes || [];
    } catch (e) {
      controls.replaceChildren(el('span', { class: 'error-text' }, 'notes not available: ' + e.message));
      return;
    }
    if (!notes.length) {
      controls.replaceChildren(el('span', { class: 'hint' }, 'no notes to play'));
      return;
    }
    const total = Math.max(...notes.map((n) => n.t + n.d));
    drawRoll(canvas, notes, total);
    new ResizeObserver(() => drawRoll(canvas, notes, total)).observe(roll);
    const button = playButton(`Play · ${clock(total)}`, () => Sound.play(notes, {
      onTime: (t) => { head.style.opacity = 1; head.style.left = (t / total) * 100 + '%'; },
      onEnd: () => { head.style.opacity = 0; },
    }));
    controls.replaceChildren(button, el('span', { class: 'hint' }, `${notes.length} notes`));
  }

  /** A cleared canvas sized to its box at the screen's pixel density: {g, w, h} in CSS pixels, or null when hidden. */
  function sharpCanvas(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (!w || !h) return null;
    canvas.width = w * dpr;
    canvas.height = h * dpr;
    const g = canvas.getContext('2d');
    g.scale(dpr, dpr);
    return { g, w, h };
  }

  /** The notes as a piano roll: time across, pitch up, black-key rows shaded. */
  function drawRoll(canvas, notes, total) {
    const sharp = sharpCanvas(canvas);
    if (!sharp) return;
    const { g, w, h } = sharp;
    let lo = Math.min(...notes.map((n) => n.p));
    let hi = Math.max(...notes.map((n) => n.p));
    if (hi - lo < 12) { lo -= 6; hi += 6; }
    const pad = 8;
    const row = (h - 2 * pad) / (hi - lo + 1);
    g.fillStyle = 'rgba(108, 85, 207, .06)';
    for (let p = lo; p <= hi; p++) {
      if ([1, 3, 6, 8, 10].includes(p % 12)) g.fillRect(0, pad + (hi - p) * row, w, row);
    }
    for (const n of notes) {
      const x = (n.t / total) * (w - 2 * pad) + pad;
      const nw = Math.max(2, (n.d / total) * (w - 2 * pad) - 1);
      g.fillStyle = `rgba(108, 85, 207, ${0.45 + 0.55 * Math.min(1, (n.v || 80) / 110)})`;
      g.beginPath();
      g.roundRect ? g.roundRect(x, pad + (hi - n.p) * row, nw, Math.max(2, row - 1), 2) : g.rect(x, pad + (hi - n.p) * row, nw, Math.max(2, row - 1));
      g.fill();
    }
  }

  /** Text: its first lines, with a toggle for the rest. */
  async function textBody(item, body) {
    try {
      const text = (await (await api(mediaOf(item))).text()).trim();
      const quote = el('p', { class: 'text-body', lang: '' }, text);
      body.append(quote);
      requestAnimationFrame(() => {
        if (quote.scrollHeight > quote.clientHeight + 4) {
          const more = el('button', { type: 'button', class: 'link' }, 'Read all');
          more.onclick = () => { more.textContent = quote.classList.toggle('open') ? 'Read less' : 'Read all'; };
          body.append(more);
        }
      });
    } catch (e) {
      body.append(el('span', { class: 'error-text' }, 'text not available: ' + e.message));
    }
  }

  /** A play/stop toggle around start() → a handle with stop(). */
  function playButton(label, start) {
    const icon = el('span', { class: 'icon' }, '▶');
    const text = el('span', {}, label);
    const button = el('button', { type: 'button', class: 'play' }, icon, text);
    let handle = null;
    const idle = () => { handle = null; button.classList.remove('on'); icon.textContent = '▶'; text.textContent = label; };
    button.addEventListener('click', () => {
      if (handle) { handle.stop(); return; }
      handle = start();
      const stop = handle.stop;
      handle.stop = () => { stop(); idle(); };
      handle.ended.then(idle);
      button.classList.add('on');
      icon.textContent = '■';
      text.textContent = 'Stop';
    });
    return button;
  }

  // ------------------------------------------------------------------ sound

  /** One sound at a time: whoever starts playing stops the one before. The synth is a few oscillators per note. */
  const Sound = (() => {
    let ctx = null;
    let current = null; // a function that stops what plays now

    function context() {
      if (!ctx) ctx = new (window.AudioContext || window.webkitAudioContext)();
      if (ctx.state === 'suspended') ctx.resume();
      return ctx;
    }

    function claim(stop) {
      if (current && current !== stop) current();
      current = stop;
    }

    /** Stops whatever plays: a synth, or an <audio> element of a card. */
    function stop() {
      if (current) current();
      current = null;
      for (const a of document.querySelectorAll('audio')) a.pause();
    }

    /** A soft electric-piano voice: triangle + a quiet octave, quick decay to a held level, short release. */
    function voice(ac, out, n, at) {
      const f = 440 * Math.pow(2, (n.p - 69) / 12);
      const peak = 0.22 * Math.min(1, (n.v || 80) / 100);
      const end = at + Math.max(0.06, n.d);
      const gain = ac.createGain();
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(peak, at + 0.012);
      gain.gain.setTargetAtTime(peak * 0.35, at + 0.012, 0.25);
      gain.gain.setTargetAtTime(0, end, 0.06);
      gain.connect(out);
      const oscs = [['triangle', f, 1], ['sine', 2 * f, 0.25]].map(([type, freq, level]) => {
        const o = ac.createOscillator();
        o.type = type;
        o.frequency.value = freq;
        const g = ac.createGain();
        g.gain.value = level;
        o.connect(g).connect(gain);
        o.start(at);
        o.stop(end + 0.4);
        return o;
      });
      oscs[0].onended = () => gain.disconnect();
    }

    /**
     * Plays notes [{t, d, p, v}] (seconds, MIDI pitch, velocity), scheduling a little ahead so long
     * pieces do not create thousands of nodes at once. Returns {stop(), ended: Promise}.
     */
    function play(notes, { onTime, onEnd } = {}) {
      const ac = context();
      const out = ac.createGain();
      out.gain.value = 0.9;
      const comp = ac.createDynamicsCompressor();
      out.connect(comp).connect(ac.destination);
      const sorted = notes.filter((n) => n.c !== 9).sort((a, b) => a.t - b.t);
      const total = Math.max(...notes.map((n) => n.t + n.d));
      const t0 = ac.currentTime + 0.08;
      let next = 0;
      let done;
      const ended = new Promise((resolve) => { done = resolve; });
      const tick = () => {
        const now = ac.currentTime - t0;
        while (next < sorted.length && sorted[next].t < now + 0.5) voice(ac, out, sorted[next], t0 + sorted[next++].t);
        if (onTime) onTime(Math.max(0, Math.min(total, now)));
        if (now > total + 0.3) halt();
      };
      const timer = setInterval(tick, 40);
      let stopped = false;
      function halt() {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        out.gain.setTargetAtTime(0, ac.currentTime, 0.03);
        setTimeout(() => out.disconnect(), 300);
        if (current === halt) current = null;
        if (onEnd) onEnd();
        done();
      }
      claim(halt);
      tick();
      return { stop: halt, ended };
    }

    return { play, stop, claim };
  })();

  // ------------------------------------------------------------------ map

  /** The collection's 2-D map: dots by modality; the last results are bigger, outlined and numbered. */
  const Map2D = (() => {
    const canvas = $('#map');
    const tip = $('#map-tip');
    let placed = []; // [{point, x, y}] in CSS pixels
    let hover = null;

    async function load() {
      try {
        state.points = (await apiJson('api/map')).points || [];
      } catch (e) {
        if (e.status === 503 && e.retryAfter) { // still being computed
          setTimeout(load, e.retryAfter * 1000);
          return;
        }
        state.points = [];
        canvas.parentElement.append(el('div', { class: 'map-empty' }, 'no map: ' + e.message));
        return;
      }
      if (!state.points.length) canvas.parentElement.append(el('div', { class: 'map-empty' }, 'the collection is empty'));
      draw();
    }

    let placedFor = ''; // what the layout was computed for: size and lit keys

    /** Screen positions: the PCA coordinates scaled into the box, then nudged apart so dots do not hide each other. */
    function layout(w, h, rank, r) {
      const signature = `${w}x${h}|${state.points.length}|${[...rank.keys()].join('\n')}`;
      if (signature === placedFor) return;
      placedFor = signature;
      const pts = state.points;
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const pad = 36;
      const sx = (w - 2 * pad) / ((x1 - x0) || 1);
      const sy = (h - 2 * pad) / ((y1 - y0) || 1);
      placed = pts.map((p) => ({ point: p, x: pad + (p.x - x0) * sx, y: h - pad - (p.y - y0) * sy }));
      if (placed.length > 600) return; // a dense cloud is read as a cloud
      const size = (q) => (rank.has(q.point.key) ? 12 : r + 1);
      for (let round = 0; round < 60; round++) {
        let moved = false;
        for (let i = 0; i < placed.length; i++) {
          for (let j = i + 1; j < placed.length; j++) {
            const a = placed[i];
            const b = placed[j];
            let dx = b.x - a.x;
            let dy = b.y - a.y;
            let d = Math.hypot(dx, dy);
            const min = size(a) + size(b);
            if (d >= min) continue;
            if (d < 1e-6) { const angle = i * 2.39996 + j; dx = Math.cos(angle); dy = Math.sin(angle); d = 0; } else { dx /= d; dy /= d; }
            const push = (min - d) / 2;
            a.x -= dx * push; a.y -= dy * push;
            b.x += dx * push; b.y += dy * push;
            moved = true;
          }
        }
        for (const q of placed) {
          q.x = Math.max(16, Math.min(w - 16, q.x));
          q.y = Math.max(16, Math.min(h - 16, q.y));
        }
        if (!moved) break;
      }
    }

    function draw() {
      const sharp = sharpCanvas(canvas);
      if (!sharp) return;
      const { g, w, h } = sharp;
      const pts = state.points;
      if (!pts.length) return;
      const rank = new Map(state.results.map((res, i) => [res.key, i + 1]));
      const lit = rank.size > 0;
      const r = Math.max(2.5, Math.min(6, 150 / Math.sqrt(pts.length)));
      layout(w, h, rank, r);
      for (const q of placed) {
        if (rank.has(q.point.key)) continue;
        g.globalAlpha = lit ? 0.28 : 0.8;
        dot(g, q.x, q.y, r, MODALITY_COLOR[q.point.modality] || '#888');
      }
      g.globalAlpha = 1;
      // results on top, best last so it is never covered
      const hits = placed.filter((q) => rank.has(q.point.key)).sort((a, b) => rank.get(b.point.key) - rank.get(a.point.key));
      for (const q of hits) {
        const n = rank.get(q.point.key);
        g.beginPath();
        g.arc(q.x, q.y, 11, 0, 2 * Math.PI);
        g.fillStyle = '#fff';
        g.fill();
        g.lineWidth = 2;
        g.strokeStyle = MODALITY_COLOR[q.point.modality] || '#888';
        g.stroke();
        g.fillStyle = '#1c2230';
        g.font = '600 11px ' + getComputedStyle(document.body).fontFamily;
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        g.fillText(String(n), q.x, q.y + 0.5);
      }
      if (hover) {
        g.beginPath();
        g.arc(hover.x, hover.y, rank.has(hover.point.key) ? 14 : r + 4, 0, 2 * Math.PI);
        g.lineWidth = 2;
        g.strokeStyle = '#1c2230';
        g.stroke();
      }
    }

    function dot(g, x, y, r, color) {
      g.beginPath();
      g.arc(x, y, r, 0, 2 * Math.PI);
      g.fillStyle = color;
      g.fill();
    }

    /** The point under the pointer, lit results first. */
    function pick(e) {
      const b = canvas.getBoundingClientRect();
      const x = e.clientX - b.left;
      const y = e.clientY - b.top;
      const keys = new Set(state.results.map((r) => r.key));
      let best = null;
      let bestD = Infinity;
      for (const q of placed) {
        const d = Math.hypot(q.x - x, q.y - y) - (keys.has(q.point.key) ? 6 : 0);
        if (d < bestD) { bestD = d; best = q; }
      }
      return bestD < 12 ? best : null;
    }

    canvas.addEventListener('mousemove', (e) => {
      const q = pick(e);
      if (q !== hover) { hover = q; draw(); }
      canvas.style.cursor = q ? 'pointer' : 'default';
      if (!q) { tip.hidden = true; return; }
      const res = state.results.find((r) => r.key === q.point.key);
      tip.replaceChildren(titleOf(res || q.point), ' ', el('small', {}, res ? `#${state.results.indexOf(res) + 1}` : q.point.modality));
      tip.style.left = Math.min(Math.max(q.x, 70), canvas.clientWidth - 70) + 'px';
      tip.style.top = q.y + 'px';
      tip.hidden = false;
    });
    canvas.addEventListener('mouseleave', () => { hover = null; tip.hidden = true; draw(); });
    canvas.addEventListener('click', (e) => {
      const q = pick(e);
      if (q) open(q.point.key);
    });
    new ResizeObserver(() => draw()).observe(canvas);

    return { load, draw };
  })();

  /** Shows an item: its result card if it has one, else the item on its own above the results. */
  async function open(key) {
    const existing = document.getElementById('item-' + encodeURIComponent(key));
    if (existing && !existing.closest('#pinned')) {
      existing.scrollIntoView({ behavior: 'smooth', block: 'center' });
      existing.classList.remove('flash');
      void existing.offsetWidth;
      existing.classList.add('flash');
      return;
    }
    try {
      const item = await apiJson(itemUrl(key));
      const close = el('button', { type: 'button', class: 'link', onclick: () => $('#pinned').replaceChildren() }, 'close ×');
      const node = card(item, 0);
      $('#pinned').replaceChildren(el('div', { class: 'pinned-label' }, el('span', {}, 'From the map'), close), node);
      node.scrollIntoView({ behavior: 'smooth', block: 'center' });
    } catch (e) {
      showStatus(el('div', { class: 'error', role: 'alert' }, e.message));
    }
  }

  // ------------------------------------------------------------------ drop zone

  (() => {
    const drop = $('#drop');
    const input = $('#file');
    const take = (file) => { if (file) { $('#q').value = ''; search({ file, label: file.name }); } };
    drop.addEventListener('click', () => input.click());
    drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
    input.addEventListener('change', () => { take(input.files[0]); input.value = ''; });
    for (const type of ['dragenter', 'dragover']) {
      drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
    }
    for (const type of ['dragleave', 'drop']) {
      drop.addEventListener(type, () => drop.classList.remove('over'));
    }
    drop.addEventListener('drop', (e) => { e.preventDefault(); e.stopPropagation(); take(e.dataTransfer.files[0]); });
    // a file dropped anywhere else on the page is a query too, not a navigation away
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => { e.preventDefault(); take(e.dataTransfer && e.dataTransfer.files[0]); });
  })();

  // ------------------------------------------------------------------ start-up

  loadInfo();
  Map2D.load();
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('m')) {
    const radio = form.querySelector(`input[name="modality"][value="${CSS.escape(params.get('m'))}"]`);
    if (radio) radio.checked = true;
  }
  if (params.get('q')) {
    $('#q').value = params.get('q');
    search({ text: params.get('q') });
  } else {
    $('#q').focus();
  }
  if (matchMedia('(max-width: 560px)').matches) $('#q').placeholder = 'Describe the music, in any language';
})();
