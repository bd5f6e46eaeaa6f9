// Asks for what the first screen shows while the app's scripts are still downloading, so the
// page does not wait one more round trip after them (562 ms on a slow phone network): the
// signed-in user (GET /api/me) and, when the page is the inbox, its first page of tasks, the
// 催办 notices above it and the names of org units and processes on its cards. The request
// client takes each answer once, for the same URL, token and language (src/api/prefetched.ts);
// any failure, e.g. an expired access token, is left to the client's own request, which
// refreshes and retries. A plain script with no imports: it runs as soon as it arrives, before
// the module graph. The URLs must stay those the app asks (InboxPage.vue, stores/directory.ts).
(function prefetch() {
  try {
    // the app started first (this script is async): it asks for itself
    if (window.__orglifeStarted) return;
    var stored = JSON.parse(localStorage.getItem('orglife.tokens') || 'null');
    if (!stored || typeof stored.accessToken !== 'string') return;
    var locale = localStorage.getItem('orglife.locale') === 'en' ? 'en' : 'zh-CN';
    var urls = ['/api/me'];
    var path = location.pathname.replace(/\/+$/, '');
    if (path === '' || path === '/inbox')
      urls.push(
        '/api/tasks?tab=mine&page=1&pageSize=20',
        '/api/task-notifications',
        '/api/org-units',
        '/api/definitions',
      );
    var headers = {
      Accept: 'application/json',
      'Accept-Language': locale,
      Authorization: 'Bearer ' + stored.accessToken,
    };
    var answers = {};
    urls.forEach(function (url) {
      // the body is read as it arrives: the app then takes it without waiting for a task of the
      // browser's, so its first page paints with the data (src/api/prefetched.ts)
      answers[url] = fetch(url, { headers: headers }).then(function (response) {
        return response.text().then(function (text) {
          return {
            status: response.status,
            statusText: response.statusText,
            contentType: response.headers.get('Content-Type'),
            text: text,
          };
        });
      });
      // an unused or failed answer is not an unhandled rejection
      answers[url].catch(function () {});
    });
    window.__orglifePrefetch = {
      accessToken: stored.accessToken,
      locale: locale,
      answers: answers,
    };
  } catch {
    // no storage or a malformed entry: the app signs in as usual
  }
})();
