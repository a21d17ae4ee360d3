/* Trợ lý ảo — chat page logic. Plain JS, no build step, no external asset.
 *
 * Answer and citation text always goes through textContent / text nodes, never parsed as HTML.
 * Streaming: fetch() + ReadableStream parsing Server-Sent Events from POST /v1/ask/stream;
 * falls back to POST /v1/ask when the streaming route is absent.
 */
(function () {
  "use strict";

  var MAX_CHARS = 1000;
  var TIMEOUT_MS = 60000;
  var TEXT = {
    empty: "Vui lòng nhập câu hỏi.",
    tooLong: "Câu hỏi quá dài (tối đa " + MAX_CHARS + " ký tự).",
    thinking: "Đang tìm câu trả lời…",
    writing: "Đang trả lời…",
    done: "Đã có câu trả lời.",
    network: "Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.",
    timeout: "Máy chủ phản hồi quá lâu. Vui lòng thử lại sau.",
    interrupted: "Kết nối bị gián đoạn trước khi trả lời xong. Vui lòng hỏi lại.",
    generic: "Đã có lỗi xảy ra, vui lòng thử lại sau.",
    tooMany: "Bạn gửi quá nhiều câu hỏi, vui lòng thử lại sau ít phút.",
    unavailable: "Dịch vụ tạm thời chưa sẵn sàng, vui lòng thử lại sau.",
    you: "Bạn hỏi:",
    bot: "Trợ lý trả lời:",
    sources: "Nguồn trích dẫn",
    doc: "Văn bản: ",
    commune: "Xã: ",
    section: "Mục: ",
    quoteLabel: "Đoạn trích:",
    guide: "Hướng dẫn dịch vụ công",
    legal: "Văn bản pháp lý (thẻ đã rà soát)",
    legalCard: "Xem thẻ văn bản và các kế hoạch trích dẫn",
    sourceLink: "Xem nguồn ",
    sameDoc: "Cùng văn bản trên",
    useful: "Câu trả lời này có hữu ích không?",
    up: "Hữu ích",
    down: "Chưa hữu ích",
    thanks: "Cảm ơn bạn đã góp ý.",
    commentLabel: "Điều gì chưa đúng hoặc còn thiếu? (không bắt buộc)",
    commentSend: "Gửi góp ý",
    commentThanks: "Đã gửi góp ý. Cảm ơn bạn!",
    feedbackFailed: "Chưa gửi được góp ý: ",
    print: "In / lưu PDF",
    printTitle: "In câu trả lời này cùng nguồn trích dẫn, hoặc lưu thành tệp PDF",
    communesShown: function (shown, total) {
      return "Đang hiện " + shown + "/" + total + " xã. Gõ tên xã để tìm.";
    },
    communesFound: function (total) {
      return total ? "Tìm thấy " + total + " xã." : "Không tìm thấy xã nào có tên này.";
    },
    communePicked: function (name) {
      return "Đã chọn xã " + name + ".";
    },
  };

  var form = document.getElementById("ask-form");
  var input = document.getElementById("question");
  var select = document.getElementById("commune");
  var log = document.getElementById("log");
  var statusEl = document.getElementById("status");
  var sendBtn = document.getElementById("send");
  var examples = document.getElementById("examples");
  var busy = false;
  var counter = 0;

  // ------------------------------------------------------------------ helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setStatus(text) {
    statusEl.textContent = text || "";
  }

  function scrollToEnd(node) {
    // Show the end of the message, but never scroll its start out of view. In the compact
    // layout the question form is stuck to the bottom of the window and covers that part.
    if (!node || !node.getBoundingClientRect) return;
    var rect = node.getBoundingClientRect();
    var covered = document.body.classList.contains("embed") ? form.offsetHeight : 0;
    var visibleBottom = window.innerHeight - covered;
    if (rect.top < 0) {
      window.scrollBy(0, rect.top - 8);
    } else if (rect.bottom > visibleBottom) {
      var delta = Math.min(rect.bottom - visibleBottom + 8, rect.top - 8);
      if (delta > 0) window.scrollBy(0, delta);
    }
  }

  function errorMessage(status, data) {
    if (data && data.error && typeof data.error.message === "string" && data.error.message) {
      return data.error.message;
    }
    if (status === 429) return TEXT.tooMany;
    if (status === 503 || status === 504) return TEXT.unavailable;
    return TEXT.generic;
  }

  function readJson(resp) {
    return resp.text().then(function (body) {
      try {
        return JSON.parse(body);
      } catch (e) {
        return null;
      }
    });
  }

  function postJson(url, body, signal) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: signal,
    });
  }

  // ----------------------------------------------------------------- communes
  function wantedCommune() {
    var params = new URLSearchParams(window.location.search);
    return (params.get("commune") || params.get("xa") || "").trim();
  }

  var communeSearch = document.getElementById("commune-search");
  var communeHint = document.getElementById("commune-hint");
  var COMMUNE_PAGE = 50;
  var communeRequest = null;
  var communeTimer = null;

  function fetchCommunes(query) {
    // GET /v1/communes is paged: ask for one page matching what was typed.
    if (communeRequest && communeRequest.abort) communeRequest.abort();
    communeRequest = typeof AbortController === "function" ? new AbortController() : null;
    var url = "/v1/communes" + "?limit=" + COMMUNE_PAGE + (query ? "&q=" + encodeURIComponent(query) : "");
    return fetch(url, {
      headers: { Accept: "application/json" },
      signal: communeRequest ? communeRequest.signal : undefined,
    })
      .then(function (resp) {
        return resp.ok ? resp.json() : null;
      })
      .catch(function () {
        return null;
      });
  }

  function communeItems(data) {
    // Contract: {"communes": [...], "total": n}; also accept {"items": [...]}.
    var items = [];
    if (data && Array.isArray(data.communes)) items = data.communes;
    else if (data && Array.isArray(data.items)) items = data.items;
    return items.filter(function (item) {
      return item && typeof item.name === "string" && item.name;
    });
  }

  function fillCommunes(items) {
    var keep = select.value;
    var keepText = keep ? select.options[select.selectedIndex].textContent : "";
    while (select.options.length > 1) select.remove(1);
    var seen = {};
    items.forEach(function (item) {
      if (seen[item.name]) return; // the same name in two provinces: one choice, named by value
      seen[item.name] = true;
      var option = el("option", null, item.province ? item.name + " (" + item.province + ")" : item.name);
      option.value = item.name;
      select.appendChild(option);
    });
    if (keep && !seen[keep]) {
      var kept = el("option", null, keepText || keep);
      kept.value = keep;
      select.appendChild(kept);
    }
    select.value = keep;
  }

  function showCommunes(query, data) {
    var items = communeItems(data);
    if (!data) return items;
    fillCommunes(items);
    var total = typeof data.total === "number" ? data.total : items.length;
    if (query) {
      communeHint.textContent = TEXT.communesFound(total);
    } else {
      communeHint.textContent = total > items.length ? TEXT.communesShown(items.length, total) : "";
      // The compact layout keeps its sticky form small: no search row when every commune fits.
      if (document.body.classList.contains("embed")) {
        communeSearch.parentNode.hidden = total <= items.length;
      }
    }
    return items;
  }

  function searchCommunes() {
    var query = communeSearch.value.trim();
    fetchCommunes(query).then(function (data) {
      if (communeSearch.value.trim() !== query) return; // typed on meanwhile
      var items = showCommunes(query, data);
      if (query && items.length === 1) {
        select.value = items[0].name;
        communeHint.textContent = TEXT.communePicked(items[0].name);
      }
    });
  }

  function loadCommunes() {
    var wanted = wantedCommune();
    if (communeSearch) {
      communeSearch.addEventListener("input", function () {
        clearTimeout(communeTimer);
        communeTimer = setTimeout(searchCommunes, 250);
      });
      communeSearch.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          ev.preventDefault(); // Enter searches now instead of sending the question
          clearTimeout(communeTimer);
          searchCommunes();
        }
      });
    }
    var first = wanted ? fetchCommunes(wanted) : Promise.resolve(null);
    return first.then(function (found) {
      var match = communeItems(found).find(function (item) {
        return item.name.toLocaleLowerCase("vi") === wanted.toLocaleLowerCase("vi");
      });
      return fetchCommunes("").then(function (data) {
        var items = communeHint ? showCommunes("", data) : communeItems(data);
        if (!communeHint) fillCommunes(items);
        if (!wanted) return;
        if (!match && !items.length && !found) match = { name: wanted };
        if (match) {
          if (!Array.prototype.some.call(select.options, function (o) {
            return o.value === match.name;
          })) {
            var option = el("option", null, match.province ? match.name + " (" + match.province + ")" : match.name);
            option.value = match.name;
            select.appendChild(option);
          }
          select.value = match.name;
        }
      });
    });
  }

  // ------------------------------------------------------------ text size
  var SIZES = ["fs-1", "fs-2", "fs-3", "fs-4"]; // 100% and up: nothing below 14 px
  var SIZE_KEY = "troly-text-size";

  function applySize(index) {
    var root = document.documentElement;
    SIZES.forEach(function (c) {
      root.classList.remove(c);
    });
    root.classList.add(SIZES[index]);
    var down = document.getElementById("font-down");
    var up = document.getElementById("font-up");
    if (down) down.disabled = index === 0;
    if (up) up.disabled = index === SIZES.length - 1;
    try {
      window.localStorage.setItem(SIZE_KEY, String(index));
    } catch (e) {
      /* storage off: the size lasts for this page only */
    }
  }

  function setupTextSize() {
    var down = document.getElementById("font-down");
    var up = document.getElementById("font-up");
    if (!down || !up) return;
    var current = 0;
    try {
      var saved = parseInt(window.localStorage.getItem(SIZE_KEY), 10);
      if (saved >= 0 && saved < SIZES.length) current = saved;
    } catch (e) {
      /* ignore */
    }
    applySize(current);
    down.addEventListener("click", function () {
      current = Math.max(0, current - 1);
      applySize(current);
    });
    up.addEventListener("click", function () {
      current = Math.min(SIZES.length - 1, current + 1);
      applySize(current);
    });
  }

  // ------------------------------------------------------------ SSE parsing
  function SseParser(onEvent) {
    this.buffer = "";
    this.onEvent = onEvent;
  }
  SseParser.prototype.push = function (chunk) {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    var idx;
    while ((idx = this.buffer.indexOf("\n\n")) >= 0) {
      var block = this.buffer.slice(0, idx);
      this.buffer = this.buffer.slice(idx + 2);
      this.dispatch(block);
    }
  };
  SseParser.prototype.end = function () {
    if (this.buffer.trim()) this.dispatch(this.buffer);
    this.buffer = "";
  };
  SseParser.prototype.dispatch = function (block) {
    var data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    if (!data.length) return;
    var event;
    try {
      event = JSON.parse(data.join("\n"));
    } catch (e) {
      return;
    }
    if (event && typeof event === "object") this.onEvent(event);
  };

  // ------------------------------------------------------------ rendering
  function addUserMessage(question) {
    var msg = el("div", "msg msg-user");
    msg.appendChild(el("span", "msg-label", TEXT.you + " "));
    msg.appendChild(document.createTextNode(question));
    log.appendChild(msg);
    return msg;
  }

  function addBotMessage() {
    counter += 1;
    var msg = el("article", "msg msg-bot");
    msg.id = "a" + counter;
    msg.setAttribute("aria-busy", "true");
    msg.dataset.state = "waiting";
    msg.appendChild(el("h2", "msg-label", TEXT.bot));
    var text = el("p", "answer-text pending");
    msg.appendChild(text);
    log.appendChild(msg);
    return msg;
  }

  function stripSourceList(answer, citations) {
    // The engine appends a plain-text "Nguồn:" list; the page shows its own expandable list.
    if (!citations.length) return answer;
    var at = answer.lastIndexOf("\nNguồn:\n");
    if (at < 0) return answer;
    var tail = answer.slice(at + "\nNguồn:\n".length).trim();
    var lines = tail.split("\n");
    var allRefs = lines.every(function (line) {
      return /^\[\d+\]/.test(line.trim());
    });
    return allRefs ? answer.slice(0, at).replace(/\s+$/, "") : answer;
  }

  function openSource(msg, n, focus) {
    var details = document.getElementById(msg.id + "-c" + n);
    if (!details) return;
    details.open = true;
    details.classList.remove("flash");
    void details.offsetWidth; // restart the highlight animation
    details.classList.add("flash");
    if (focus) details.querySelector("summary").focus({ preventScroll: true });
    scrollToEnd(details);
  }

  function renderAnswerText(msg, target, answer, citations) {
    target.textContent = "";
    var parts = answer.split(/(\[\d+\])/);
    parts.forEach(function (part) {
      var m = /^\[(\d+)\]$/.exec(part);
      var n = m ? parseInt(m[1], 10) : 0;
      if (m && n >= 1 && n <= citations.length) {
        var link = el("a", "cite-ref", "[" + n + "]");
        link.href = "#" + msg.id + "-c" + n;
        link.setAttribute("aria-label", TEXT.sourceLink + n);
        link.addEventListener("click", function (ev) {
          ev.preventDefault();
          openSource(msg, n, true);
        });
        target.appendChild(link);
      } else if (part) {
        target.appendChild(document.createTextNode(part));
      }
    });
  }

  function sectionTail(section) {
    // "KẾ HOẠCH › III. NHIỆM VỤ › 1. Nâng cao…" -> its last part, shortened.
    var parts = String(section || "").split("›");
    var tail = parts[parts.length - 1].trim();
    return tail.length > 90 ? tail.slice(0, 89).trim() + "…" : tail;
  }

  function renderSources(msg, citations) {
    var box = el("section", "sources");
    var headingId = msg.id + "-src";
    var heading = el("h3", null, TEXT.sources);
    heading.id = headingId;
    box.setAttribute("aria-labelledby", headingId);
    box.appendChild(heading);
    var list = el("ol");
    citations.forEach(function (c, i) {
      var n = i + 1;
      var li = el("li");
      var details = el("details", "source");
      details.id = msg.id + "-c" + n;
      var summary = el("summary");
      summary.appendChild(el("span", "source-num", "[" + n + "]"));
      var sameDoc = i > 0 && c.doc_id && citations[i - 1].doc_id === c.doc_id;
      var label = sameDoc ? TEXT.sameDoc : c.title || "";
      if (c.commune && label.indexOf(c.commune) < 0) label += " — xã " + c.commune;
      summary.appendChild(document.createTextNode(" " + label));
      var tail = sectionTail(c.section);
      if (tail) summary.appendChild(el("span", "source-section", tail));
      details.appendChild(summary);

      var body = el("div", "source-body");
      var meta = el("dl", "source-meta");
      function row(name, value) {
        if (!value) return;
        var div = el("div");
        div.appendChild(el("dt", null, name));
        div.appendChild(el("dd", null, value));
        meta.appendChild(div);
      }
      row(TEXT.doc, c.title);
      var legal = (c.doc_id || "").indexOf("legal-") === 0;
      if (c.commune) {
        row(TEXT.commune, c.province ? c.commune + ", " + c.province : c.commune);
      } else {
        row(TEXT.commune, legal ? TEXT.legal : TEXT.guide);
      }
      row(TEXT.section, c.section);
      body.appendChild(meta);
      if (legal) {
        var card = el("a", "source-card", TEXT.legalCard);
        card.href = "/v1/legal-bases/" + encodeURIComponent(c.doc_id);
        card.target = "_blank";
        card.rel = "noopener";
        body.appendChild(card);
      }
      var quote = el("blockquote", "source-quote", c.quote || "");
      quote.setAttribute("aria-label", TEXT.quoteLabel);
      body.appendChild(quote);
      details.appendChild(body);
      li.appendChild(details);
      list.appendChild(li);
    });
    box.appendChild(list);
    msg.appendChild(box);
  }

  function sendFeedback(answerId, rating, comment) {
    var body = { answer_id: answerId, rating: rating };
    if (comment) body.comment = comment;
    return postJson("/v1/feedback", body).then(function (resp) {
      if (resp.ok) return null;
      return readJson(resp).then(function (data) {
        throw new Error(errorMessage(resp.status, data));
      });
    }, function () {
      throw new Error(TEXT.network);
    });
  }

  function renderFeedback(msg, answerId) {
    var box = el("div", "feedback");
    var question = el("span", null, TEXT.useful);
    var up = el("button", "fb-up");
    var down = el("button", "fb-down");
    var note = el("span", "fb-note");
    note.setAttribute("role", "status");
    [up, down].forEach(function (b) {
      b.type = "button";
      b.setAttribute("aria-pressed", "false");
    });
    [
      [up, "👍", TEXT.up],
      [down, "👎", TEXT.down],
    ].forEach(function (spec) {
      var icon = el("span", "fb-icon", spec[1]);
      icon.setAttribute("aria-hidden", "true");
      spec[0].appendChild(icon);
      spec[0].appendChild(document.createTextNode(" " + spec[2]));
    });
    box.appendChild(question);
    box.appendChild(up);
    box.appendChild(down);
    box.appendChild(note);

    function choose(button, rating) {
      up.disabled = true;
      down.disabled = true;
      button.setAttribute("aria-pressed", "true");
      sendFeedback(answerId, rating)
        .then(function () {
          note.textContent = TEXT.thanks;
          if (rating === "down") showComment();
        })
        .catch(function (err) {
          note.textContent = TEXT.feedbackFailed + err.message;
          button.setAttribute("aria-pressed", "false");
          up.disabled = false;
          down.disabled = false;
        });
    }

    function showComment() {
      var wrap = el("div", "feedback-comment");
      var id = msg.id + "-comment";
      var label = el("label", null, TEXT.commentLabel);
      label.htmlFor = id;
      var area = el("textarea");
      area.id = id;
      area.rows = 2;
      area.maxLength = 1000;
      var send = el("button", null, TEXT.commentSend);
      send.type = "button";
      send.addEventListener("click", function () {
        var comment = area.value.trim();
        if (!comment) {
          area.focus();
          return;
        }
        send.disabled = true;
        sendFeedback(answerId, "down", comment)
          .then(function () {
            wrap.textContent = "";
            note.textContent = TEXT.commentThanks;
          })
          .catch(function (err) {
            note.textContent = TEXT.feedbackFailed + err.message;
            send.disabled = false;
          });
      });
      wrap.appendChild(label);
      wrap.appendChild(area);
      wrap.appendChild(send);
      box.appendChild(wrap);
      area.focus();
    }

    up.addEventListener("click", function () {
      choose(up, "up");
    });
    down.addEventListener("click", function () {
      choose(down, "down");
    });
    msg.appendChild(box);
  }

  function renderPrint(msg) {
    // Print this answer with its question and every source opened (see @media print in app.css).
    var button = el("button", "print-btn");
    button.type = "button";
    button.title = TEXT.printTitle;
    var icon = el("span", null, "🖨️");
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    button.appendChild(document.createTextNode(" " + TEXT.print));
    button.addEventListener("click", function () {
      var question = msg.previousElementSibling;
      var opened = [];
      Array.prototype.forEach.call(msg.querySelectorAll("details"), function (d) {
        if (!d.open) {
          d.open = true;
          opened.push(d);
        }
      });
      document.body.classList.add("print-one");
      msg.classList.add("print-target");
      if (question && question.classList.contains("msg-user")) question.classList.add("print-target");
      function restore() {
        window.removeEventListener("afterprint", restore);
        document.body.classList.remove("print-one");
        msg.classList.remove("print-target");
        if (question) question.classList.remove("print-target");
        opened.forEach(function (d) {
          d.open = false;
        });
      }
      window.addEventListener("afterprint", restore);
      window.print();
    });
    msg.appendChild(button);
  }

  function finish(msg, state) {
    msg.setAttribute("aria-busy", "false");
    msg.dataset.state = state;
    var text = msg.querySelector(".answer-text");
    if (text) text.classList.remove("pending");
  }

  function renderFinal(msg, data) {
    var citations = Array.isArray(data.citations) ? data.citations : [];
    var answer = typeof data.answer === "string" ? data.answer : "";
    var text = msg.querySelector(".answer-text");
    renderAnswerText(msg, text, stripSourceList(answer, citations), citations);
    if (data.refused) msg.classList.add("refused");
    if (citations.length) renderSources(msg, citations);
    if (data.answer_id) {
      msg.dataset.answerId = data.answer_id;
      renderFeedback(msg, data.answer_id);
    }
    if (!data.refused) renderPrint(msg);
    finish(msg, "done");
    setStatus(TEXT.done);
    scrollToEnd(msg);
  }

  function renderError(msg, message) {
    msg.classList.add("error");
    var text = msg.querySelector(".answer-text");
    text.textContent = message;
    finish(msg, "error");
    setStatus("");
    scrollToEnd(msg);
  }

  // ------------------------------------------------------------ asking
  function askPlain(body, signal) {
    return postJson("/v1/ask", body, signal).then(function (resp) {
      return readJson(resp).then(function (data) {
        if (!resp.ok || !data) return { error: errorMessage(resp.status, data) };
        return { final: data };
      });
    });
  }

  function askStream(body, msg, signal) {
    var text = msg.querySelector(".answer-text");
    return fetch("/v1/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal: signal,
    }).then(function (resp) {
      if (resp.status === 404 || resp.status === 405) return askPlain(body, signal);
      if (!resp.ok) {
        return readJson(resp).then(function (data) {
          return { error: errorMessage(resp.status, data) };
        });
      }
      var type = resp.headers.get("Content-Type") || "";
      if (type.indexOf("text/event-stream") < 0) {
        return readJson(resp).then(function (data) {
          return data && typeof data.answer === "string" ? { final: data } : { error: TEXT.generic };
        });
      }
      var outcome = null;
      var parser = new SseParser(function (event) {
        if (outcome) return;
        if (event.type === "delta" && typeof event.text === "string") {
          if (msg.dataset.state === "waiting") {
            msg.dataset.state = "streaming";
            setStatus(TEXT.writing);
          }
          text.appendChild(document.createTextNode(event.text));
          scrollToEnd(msg);
        } else if (event.type === "final") {
          outcome = { final: event };
        } else if (event.type === "error") {
          outcome = { error: typeof event.message === "string" ? event.message : TEXT.generic };
        }
      });
      var decoder = new TextDecoder("utf-8");
      if (!resp.body || !resp.body.getReader) {
        return resp.text().then(function (all) {
          parser.push(all);
          parser.end();
          return outcome || { error: TEXT.interrupted };
        });
      }
      var reader = resp.body.getReader();
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            parser.push(decoder.decode());
            parser.end();
            return outcome || { error: TEXT.interrupted };
          }
          parser.push(decoder.decode(step.value, { stream: true }));
          if (outcome) {
            reader.cancel().catch(function () {});
            return outcome;
          }
          return pump();
        });
      }
      return pump();
    });
  }

  function setBusy(value) {
    busy = value;
    sendBtn.disabled = value;
    form.setAttribute("aria-busy", value ? "true" : "false");
  }

  function ask(question) {
    if (busy) return;
    question = question.trim();
    if (!question) {
      setStatus(TEXT.empty);
      input.focus();
      return;
    }
    if (question.length > MAX_CHARS) {
      setStatus(TEXT.tooLong);
      input.focus();
      return;
    }
    if (examples) examples.hidden = true;
    var body = { question: question, commune: select.value || null };
    addUserMessage(question);
    var msg = addBotMessage();
    scrollToEnd(msg);
    input.value = "";
    setBusy(true);
    setStatus(TEXT.thinking);

    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timedOut = false;
    var timer = setTimeout(function () {
      timedOut = true;
      if (controller) controller.abort();
    }, TIMEOUT_MS);

    askStream(body, msg, controller ? controller.signal : undefined)
      .then(
        function (outcome) {
          if (outcome.final) renderFinal(msg, outcome.final);
          else renderError(msg, outcome.error || TEXT.generic);
        },
        function () {
          renderError(msg, timedOut ? TEXT.timeout : TEXT.network);
        }
      )
      .then(function () {
        clearTimeout(timer);
        setBusy(false);
      });
  }

  // ------------------------------------------------------------ wiring
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    ask(input.value);
  });

  input.addEventListener("keydown", function (ev) {
    // Vietnamese input methods (Telex/VNI) compose with Enter too: never send mid-composition.
    if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      ask(input.value);
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (button) {
    button.addEventListener("click", function () {
      input.value = button.textContent;
      ask(button.textContent);
      input.focus();
    });
  });

  setupTextSize();
  loadCommunes();
})();
