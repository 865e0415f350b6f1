// The timeline's one enhancement: moving the slider (by mouse, touch or arrow keys) shows the text as of that stop
// without loading the page again, and keeps the URL's ?t= on the moment shown so it can be shared. Without this
// script the slider is a form whose submit button does the same with a page load.
(function () {
  'use strict';
  var form = document.querySelector('form.timeline');
  if (!form) {
    return;
  }
  var slider = form.querySelector('#stop');
  var label = document.getElementById('stop-label');
  var moment = document.getElementById('moment');
  var base = form.getAttribute('data-fragment');
  var wanted = null;
  var inFlight = null;
  var timer = null;

  function show(stop) {
    wanted = stop;
    if (inFlight) {
      inFlight.abort();
    }
    var controller = new AbortController();
    inFlight = controller;
    fetch(base + '?stop=' + encodeURIComponent(stop) + '&fragment=true',
        {signal: controller.signal, headers: {Accept: 'text/html'}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (stop !== wanted) {
          return; // the slider moved on meanwhile: a later answer shows that
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('timeline-revision');
        document.getElementById('timeline-revision').replaceWith(document.adoptNode(fresh));
        var when = fresh.getAttribute('data-label');
        label.value = when;
        slider.setAttribute('aria-valuetext', when);
        moment.value = fresh.getAttribute('data-t');
        var url = new URL(window.location.href);
        url.searchParams.set('t', fresh.getAttribute('data-t'));
        url.searchParams.delete('stop');
        window.history.replaceState(null, '', url);
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          label.value = 'Could not load this revision (' + error.message + ')';
        }
      });
  }

  slider.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      show(slider.value);
    }, 60);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    show(slider.value);
  });
}());
