/*
 * Field App map behaviour (ours; loaded after leaflet.js and leaflet.draw.js).
 *
 * Doors arrive as compact parallel arrays in <script type="application/json"
 * id="fa-data"> and are drawn by ONE layer on Leaflet's canvas renderer
 * (FA.DoorLayer, an L.Path): no object per door, so 100,000 doors project
 * and paint in a few tens of milliseconds. The same layer does hit-testing
 * for clicks and hover, the legend, the address search, the draw tools and
 * the Qt bridge (QWebChannel, only when the page runs inside the app).
 */
(function () {
  'use strict';

  var FA = (window.FA = window.FA || {});
  FA.bridge = null;
  FA.drawn = false;
  FA.drawnAt = null;
  FA.errors = [];
  FA.clicks = [];

  function send(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (FA.bridge && FA.bridge[method]) {
      FA.bridge[method].apply(FA.bridge, args);
    }
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // ------------------------------------------------------------------ doors

  FA.DoorLayer = L.Path.extend({
    options: { interactive: true, bubblingMouseEvents: false, weight: 1 },

    initialize: function (data, options) {
      L.setOptions(this, options);
      var n = (this._n = data.n);
      this._data = data;
      this._colours = data.categories.map(function (c) { return c[2]; });
      this._lat = data.lat;
      this._lon = data.lon;
      this._x0 = new Float64Array(n);
      this._y0 = new Float64Array(n);
      this._px = new Float32Array(n);
      this._py = new Float32Array(n);
      this._selected = new Uint8Array(n);
      this._selectedCount = 0;
      this._highlight = -1;
      // Indexes grouped by colour: a canvas path and a fill per colour. For the plain
      // dots drawn zoomed out, doors at the very same spot in the same colour (the
      // units of a building) are one dot: a second circle on the first in the same
      // filled path changes no pixel. (Outlined, they are all drawn: the stacked
      // outlines of a building's units are darker, and stay so.)
      var groups = this._colours.map(function () { return []; });
      var dots = this._colours.map(function () { return []; });
      var seen = this._colours.map(function () { return new Map(); });
      for (var i = 0; i < n; i++) {
        var c = data.cat[i], at = seen[c].get(this._lat[i]);
        groups[c].push(i);
        if (at === undefined) seen[c].set(this._lat[i], (at = new Set()));
        else if (at.has(this._lon[i])) continue;
        at.add(this._lon[i]);
        dots[c].push(i);
      }
      var typed = function (g) { return Int32Array.from(g); };
      this._groups = groups.map(typed);
      this._dots = dots.map(typed);
      // Web Mercator at zoom 0 (256 px world): zoom z is a multiply by 2^z.
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      var d = Math.PI / 180, max = 85.0511287798;
      for (i = 0; i < n; i++) {
        var lat = Math.max(Math.min(max, this._lat[i]), -max);
        var s = Math.sin(lat * d);
        var x = 128 + (this._lon[i] * 256) / 360;
        var y = 128 - (128 / Math.PI) * 0.5 * Math.log((1 + s) / (1 - s));
        this._x0[i] = x; this._y0[i] = y;
        if (x < minX) minX = x; if (x > maxX) maxX = x;
        if (y < minY) minY = y; if (y > maxY) maxY = y;
      }
      this._box0 = [minX, minY, maxX, maxY];
    },

    count: function () { return this._n; },

    _radius: function () {
      var z = this._map ? this._map.getZoom() : 15;
      return z >= 18 ? 6 : z >= 17 ? 5 : z >= 16 ? 4 : z >= 15 ? 3 : 2;
    },

    _project: function () {
      var map = this._map, n = this._n;
      var scale = 256 * Math.pow(2, map.getZoom()) / 256;
      var origin = map.getPixelOrigin();
      var ox = origin.x, oy = origin.y;
      var px = this._px, py = this._py, x0 = this._x0, y0 = this._y0;
      for (var i = 0; i < n; i++) {
        px[i] = x0[i] * scale - ox;
        py[i] = y0[i] * scale - oy;
      }
      var r = this._radius() + 4, b = this._box0;
      if (n) {
        this._pxBounds = new L.Bounds(
          [b[0] * scale - ox - r, b[1] * scale - oy - r],
          [b[2] * scale - ox + r, b[3] * scale - oy + r]);
      } else {
        this._pxBounds = new L.Bounds([0, 0], [0, 0]);
      }
    },

    _update: function () {},

    _empty: function () { return !this._n; },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing || !this._n) return;
      this.paints = (this.paints || 0) + 1;
      var ctx = renderer._ctx, view = renderer._bounds;
      var minX = view.min.x, minY = view.min.y, maxX = view.max.x, maxY = view.max.y;
      var r = this._radius(), px = this._px, py = this._py, tau = Math.PI * 2;
      ctx.lineWidth = 1;
      var groups = r > 2 ? this._groups : this._dots;
      for (var c = 0; c < groups.length; c++) {
        var g = groups[c];
        if (!g.length) continue;
        ctx.beginPath();
        for (var k = 0; k < g.length; k++) {
          var i = g[k], x = px[i], y = py[i];
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, tau);
        }
        ctx.fillStyle = this._colours[c];
        ctx.fill();
        if (r > 2) { // zoomed out, outlines would hide the colours
          ctx.strokeStyle = this._colours[c] === '#000000' ? '#ffffff' : 'rgba(0,0,0,0.6)';
          ctx.stroke();
        }
      }
      if (this._selectedCount) {
        ctx.beginPath();
        for (var j = 0; j < this._n; j++) {
          if (!this._selected[j]) continue;
          ctx.moveTo(px[j] + r + 3, py[j]);
          ctx.arc(px[j], py[j], r + 3, 0, tau);
        }
        ctx.lineWidth = 2;
        ctx.strokeStyle = '#000000';
        ctx.stroke();
      }
      if (this._highlight >= 0) {
        var h = this._highlight;
        ctx.beginPath();
        ctx.arc(px[h], py[h], r + 7, 0, tau);
        ctx.lineWidth = 4;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
        ctx.lineWidth = 2.5;
        ctx.strokeStyle = '#000000';
        ctx.stroke();
      }
    },

    // The nearest door within a few pixels of a layer point, or -1.
    nearest: function (p) {
      var tol = this._radius() + 3, best = -1, bestD = tol * tol;
      var px = this._px, py = this._py;
      for (var i = 0; i < this._n; i++) {
        var dx = px[i] - p.x;
        if (dx > tol || dx < -tol) continue;
        var dy = py[i] - p.y;
        if (dy > tol || dy < -tol) continue;
        var dd = dx * dx + dy * dy;
        if (dd <= bestD) { bestD = dd; best = i; }
      }
      return best;
    },

    _containsPoint: function (p) {
      if (!this._pxBounds || !this._pxBounds.contains(p)) return false;
      return this.nearest(p) >= 0;
    },

    setSelection: function (indexes) {
      this._selected.fill(0);
      for (var k = 0; k < indexes.length; k++) this._selected[indexes[k]] = 1;
      this._selectedCount = indexes.length;
      this.redraw();
    },

    setHighlight: function (i) {
      this._highlight = i;
      this.redraw();
    },

    insidePolygon: function (rings) {
      // rings: [[ [lat, lng], ... ], ...] (outer ring first, holes after).
      var out = [], lat = this._lat, lon = this._lon;
      var outer = rings[0];
      var minLat = Infinity, maxLat = -Infinity, minLng = Infinity, maxLng = -Infinity;
      outer.forEach(function (p) {
        minLat = Math.min(minLat, p[0]); maxLat = Math.max(maxLat, p[0]);
        minLng = Math.min(minLng, p[1]); maxLng = Math.max(maxLng, p[1]);
      });
      function inRing(ring, y, x) {
        var inside = false;
        for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
          var ya = ring[a][0], xa = ring[a][1], yb = ring[b][0], xb = ring[b][1];
          if ((ya > y) !== (yb > y) && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
        }
        return inside;
      }
      for (var i = 0; i < this._n; i++) {
        var y = lat[i], x = lon[i];
        if (y < minLat || y > maxLat || x < minLng || x > maxLng) continue;
        if (!inRing(outer, y, x)) continue;
        var hole = false;
        for (var h = 1; h < rings.length && !hole; h++) hole = inRing(rings[h], y, x);
        if (!hole) out.push(i);
      }
      return out;
    },
  });

  // ------------------------------------------------------------------ street sketch

  // One smoothed line per street and side, built from the doors (maps/streets.py):
  // data.sketch = [[name, side, [lat, lon, lat, lon...], low, high], ...]. Drawn on the
  // shared canvas under the doors; names along the lines from zoom 16, house-number
  // ranges at the ends from zoom 17; labels that would overlap are left out.
  FA.StreetLayer = L.Path.extend({
    options: { interactive: false, weight: 1 },

    initialize: function (sketch, options) {
      L.setOptions(this, options);
      var d = Math.PI / 180, max = 85.0511287798;
      this._lines = sketch.map(function (s) {
        var c = s[2], n = c.length / 2, x0 = new Float64Array(n), y0 = new Float64Array(n);
        for (var i = 0; i < n; i++) {
          var lat = Math.max(Math.min(max, c[2 * i]), -max), sn = Math.sin(lat * d);
          x0[i] = 128 + (c[2 * i + 1] * 256) / 360;
          y0[i] = 128 - (128 / Math.PI) * 0.5 * Math.log((1 + sn) / (1 - sn));
        }
        return { name: s[0], side: s[1], low: s[3], high: s[4], x0: x0, y0: y0,
                 px: new Float32Array(n), py: new Float32Array(n),
                 covered: covers(options && options.covered, c) };
      });
      function covers(b, c) { // b: [south, west, north, east] of the basemap
        if (!b) return false;
        for (var i = 0; i < c.length; i += 2) {
          if (c[i] < b[0] || c[i] > b[2] || c[i + 1] < b[1] || c[i + 1] > b[3]) return false;
        }
        return true;
      }
    },

    // The lines drawn now: those the basemap (when shown) does not cover.
    shown: function () {
      var hide = FA.basemap && this._map && this._map.hasLayer(FA.basemap);
      return this._lines.filter(function (l) { return !(hide && l.covered); });
    },

    count: function () { return this._lines.length; },

    _project: function () {
      var map = this._map, scale = Math.pow(2, map.getZoom()), o = map.getPixelOrigin();
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      this._lines.forEach(function (l) {
        for (var i = 0; i < l.x0.length; i++) {
          var x = (l.px[i] = l.x0[i] * scale - o.x), y = (l.py[i] = l.y0[i] * scale - o.y);
          if (x < minX) minX = x; if (x > maxX) maxX = x;
          if (y < minY) minY = y; if (y > maxY) maxY = y;
        }
      });
      this._pxBounds = this._lines.length
        ? new L.Bounds([minX - 200, minY - 200], [maxX + 200, maxY + 200])
        : new L.Bounds([0, 0], [0, 0]);
    },

    _update: function () {},
    _empty: function () { return !this._lines.length; },
    _containsPoint: function () { return false; },

    _updatePath: function () {
      var renderer = this._renderer;
      if (!renderer._drawing || !this._lines.length) return;
      var ctx = renderer._ctx, z = this._map.getZoom();
      var width = z >= 17 ? 9 : z >= 15 ? 6 : z >= 13 ? 3 : 1.5;
      ctx.save();
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      var lines = this.shown();
      [[width + 2, '#b9b3a5'], [width, '#ffffff']].forEach(function (pass) {
        ctx.beginPath();
        lines.forEach(function (l) {
          ctx.moveTo(l.px[0], l.py[0]);
          for (var i = 1; i < l.px.length; i++) ctx.lineTo(l.px[i], l.py[i]);
        });
        ctx.lineWidth = pass[0];
        ctx.strokeStyle = pass[1];
        ctx.stroke();
      }, this);
      if (z >= 16) this._labels(ctx, z, lines);
      ctx.restore();
    },

    _labels: function (ctx, z, lines) {
      var boxes = [], named = {}, view = this._renderer._bounds;
      function free(x, y, r) {
        for (var k = 0; k < boxes.length; k++) {
          var b = boxes[k];
          if (Math.abs(b[0] - x) < b[2] + r && Math.abs(b[1] - y) < 8 + Math.min(r, b[2]) / 4) return false;
        }
        boxes.push([x, y, r]);
        return true;
      }
      function text(label, x, y, angle, size, bold) {
        ctx.save();
        ctx.translate(x, y);
        ctx.rotate(angle);
        ctx.font = (bold ? '600 ' : '') + size + 'px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.95)';
        ctx.strokeText(label, 0, 0);
        ctx.fillStyle = bold ? '#3b3325' : '#6b6253';
        ctx.fillText(label, 0, 0);
        ctx.restore();
      }
      ctx.font = '600 12px system-ui, sans-serif';
      lines.forEach(function (l) {
        var n = l.px.length, m = Math.floor((n - 1) / 2);
        var a = Math.max(0, m - 2), b = Math.min(n - 1, m + 2);
        var dx = l.px[b] - l.px[a], dy = l.py[b] - l.py[a];
        var mx = (l.px[a] + l.px[b]) / 2, my = (l.py[a] + l.py[b]) / 2;
        var len = 0;
        for (var i = 1; i < n; i++) len += Math.hypot(l.px[i] - l.px[i - 1], l.py[i] - l.py[i - 1]);
        var w = ctx.measureText(l.name).width;
        var angle = Math.atan2(dy, dx);
        if (angle > Math.PI / 2) angle -= Math.PI; else if (angle < -Math.PI / 2) angle += Math.PI;
        // beside the line (the doors sit on it), on the side above the text
        var ox = Math.sin(angle) * 12, oy = -Math.cos(angle) * 12;
        var near = (named[l.name] = named[l.name] || []);
        var fits = len >= w + 10 && view.contains([mx, my]);
        // one name per street nearby: the other side's line usually runs a few metres off
        if (fits && !near.some(function (p) { return Math.hypot(p[0] - mx, p[1] - my) < 250; }) &&
            free(mx + ox, my + oy, w / 2 + 4)) {
          near.push([mx, my]);
          text(l.name, mx + ox, my + oy, angle, 12, true);
        }
        if (z < 17 || !l.low) return;
        [[0, 1, l.low], [n - 1, n - 2, l.high]].forEach(function (e) {
          var ex = l.px[e[0]], ey = l.py[e[0]], fx = ex - l.px[e[1]], fy = ey - l.py[e[1]];
          var f = Math.hypot(fx, fy) || 1;
          var tx = ex + (fx / f) * 14, ty = ey + (fy / f) * 14;
          if (free(tx, ty, 12)) text(e[2], tx, ty, 0, 10, false);
        });
      });
    },
  });

  FA.streetCount = function () { return FA.streets ? FA.streets.count() : 0; };

  // The vector basemap of an opened PMTiles file (protomaps-leaflet), light style.
  // Byte ranges are asked for as <url>/<offset>/<length> (the app's tile scheme answers
  // from the opened file), through protomaps' own PMTiles reader.
  FA.rangeSource = function (url) {
    return {
      getKey: function () { return url; },
      getBytes: function (offset, length, signal) {
        return fetch(url + '/' + offset + '/' + length, { signal: signal })
          .then(function (r) {
            if (!r.ok) throw new Error('basemap range ' + offset + '+' + length + ': ' + r.status);
            return r.arrayBuffer();
          })
          .then(function (data) { return { data: data }; });
      },
    };
  };

  FA.addBasemap = function (map, opts) {
    if (typeof protomapsL === 'undefined') return null;
    // protomaps-leaflet does not export its PMTiles class; take it from a source it builds.
    var PMTiles = new protomapsL.PmtilesSource('x.pmtiles', false).p.constructor;
    var layer = protomapsL.leafletLayer({
      url: new PMTiles(FA.rangeSource(opts.url)), flavor: 'light', lang: opts.lang || 'en',
      maxDataZoom: opts.maxDataZoom || 15, attribution: opts.attribution || '',
    });
    layer.addTo(map);
    layer.bringToBack && layer.bringToBack();
    return layer;
  };

  // ------------------------------------------------------------------ helpers

  FA.address = function (i) {
    var d = FA.data;
    var text = (d.num[i] ? d.num[i] + ' ' : '') + d.streets[d.street[i]];
    if (d.unit[i]) text += ' ' + (FA.labels.unit || 'Unit') + ' ' + d.unit[i];
    return text;
  };

  FA.doorCount = function () { return FA.doors ? FA.doors.count() : 0; };
  FA.turfCount = function () { return FA.turfs ? FA.turfs.getLayers().length : 0; };
  FA.eventCount = function () { return FA.events ? FA.events.getLayers().length : 0; };

  FA.view = function () {
    var c = FA.map.getCenter();
    return { lat: c.lat, lon: c.lng, zoom: FA.map.getZoom() };
  };

  FA.highlightDoor = function (i, fly) {
    if (!FA.doors) return;
    FA.doors.setHighlight(i);
    if (i >= 0 && fly) {
      var z = Math.max(FA.map.getZoom(), 17);
      FA.map.flyTo([FA.data.lat[i], FA.data.lon[i]], z, { duration: 0.6 });
    }
  };

  FA.selectDoors = function (indexes) { if (FA.doors) FA.doors.setSelection(indexes); };
  FA.clearSelection = function () { FA.selectDoors([]); };

  FA.search = function (query, limit) {
    var q = String(query || '').trim().toLowerCase();
    if (!q || !FA.data) return [];
    if (!FA._labels) {
      FA._labels = new Array(FA.data.n);
      for (var i = 0; i < FA.data.n; i++) FA._labels[i] = FA.address(i).toLowerCase();
    }
    var first = [], rest = [], max = limit || 8;
    for (var j = 0; j < FA._labels.length && first.length < max; j++) {
      var at = FA._labels[j].indexOf(q);
      if (at === 0) first.push(j);
      else if (at > 0 && rest.length < max) rest.push(j);
    }
    return first.concat(rest).slice(0, max);
  };

  FA.setDrawMode = function (mode) {
    FA.drawMode = mode === 'select' ? 'select' : 'turf';
    var box = document.querySelectorAll('.fa-mode input');
    for (var i = 0; i < box.length; i++) box[i].checked = box[i].value === FA.drawMode;
  };

  function rings(layer) {
    var ll = layer.getLatLngs();
    while (ll.length && Array.isArray(ll[0]) && Array.isArray(ll[0][0])) ll = ll[0];
    if (!Array.isArray(ll[0])) ll = [ll];
    return ll.map(function (ring) { return ring.map(function (p) { return [p.lat, p.lng]; }); });
  }
  FA.rings = rings;

  // ------------------------------------------------------------------ controls

  function legendControl(data) {
    var ctl = L.control({ position: 'bottomright' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'fa-legend leaflet-bar');
      var counts = data.categories.map(function () { return 0; });
      for (var i = 0; i < data.n; i++) counts[data.cat[i]]++;
      var html = '<div class="fa-legend-title">' + esc(FA.labels.doors || 'Doors') + '</div>';
      data.categories.forEach(function (c, k) {
        if (!counts[k]) return;
        html += '<div class="fa-row"><span class="fa-dot" style="background:' + c[2] +
          '"></span>' + esc(c[1]) + ' <span class="fa-count">' + counts[k].toLocaleString() +
          '</span></div>';
      });
      if (data.progress && data.progress.length) {
        html += '<div class="fa-legend-title">' + esc(FA.labels.progress || 'Turf progress') + '</div><div class="fa-ramp">';
        data.progress.forEach(function (p, k) {
          var ink = k >= data.progress.length - 2 ? '#ffffff' : '#111111';
          html += '<span style="background:' + p[1] + ';color:' + ink + '" title="' + esc(p[0]) + '">' + esc(p[0]) + '</span>';
        });
        html += '</div>';
      }
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return ctl;
  }

  function searchControl() {
    var ctl = L.control({ position: 'topleft' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'fa-search leaflet-bar');
      var input = L.DomUtil.create('input', '', div);
      input.type = 'search';
      input.placeholder = FA.labels.search || 'Find an address';
      var list = L.DomUtil.create('div', 'fa-results', div);
      function show() {
        var hits = FA.search(input.value, 8);
        list.innerHTML = '';
        hits.forEach(function (i) {
          var a = L.DomUtil.create('a', '', list);
          a.href = '#';
          a.textContent = FA.address(i);
          L.DomEvent.on(a, 'click', function (e) {
            L.DomEvent.preventDefault(e);
            list.innerHTML = '';
            input.value = FA.address(i);
            FA.highlightDoor(i, true);
            send('doorClicked', i);
          });
        });
      }
      L.DomEvent.on(input, 'input', show);
      L.DomEvent.on(input, 'keydown', function (e) {
        if (e.key === 'Enter') {
          var hits = FA.search(input.value, 1);
          if (hits.length) { list.innerHTML = ''; FA.highlightDoor(hits[0], true); send('doorClicked', hits[0]); }
        }
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      FA.searchInput = input;
      return div;
    };
    return ctl;
  }

  function noteControl(text) {
    var ctl = L.control({ position: 'bottomleft' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'fa-note');
      div.textContent = text;
      return div;
    };
    return ctl;
  }

  function modeControl() {
    var ctl = L.control({ position: 'topright' });
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'fa-mode leaflet-bar');
      div.innerHTML = '<div class="fa-legend-title">' + esc(FA.labels.drawing || 'A drawn shape') + '</div>' +
        '<label><input type="radio" name="fa-mode" value="turf" checked> ' + esc(FA.labels.mode_turf || 'becomes a new turf') + '</label>' +
        '<label><input type="radio" name="fa-mode" value="select"> ' + esc(FA.labels.mode_select || 'selects doors') + '</label>';
      L.DomEvent.disableClickPropagation(div);
      div.addEventListener('change', function (e) { FA.setDrawMode(e.target.value); });
      return div;
    };
    return ctl;
  }

  // ------------------------------------------------------------------ init

  // Coordinates arrive as whole micro-degrees (lat6, lon6): degrees for everyone else.
  FA.decode = function (data) {
    var n = data.n, lat = new Array(n), lon = new Array(n), lat6 = data.lat6, lon6 = data.lon6;
    for (var i = 0; i < n; i++) { lat[i] = lat6[i] / 1e6; lon[i] = lon6[i] / 1e6; }
    data.lat = lat;
    data.lon = lon;
    delete data.lat6;
    delete data.lon6;
    return data;
  };

  FA.init = function (map, opts) {
    try {
      FA.map = map;
      FA.turfs = opts.turfs || null;
      FA.events = opts.events || null;
      FA.labels = opts.labels || {};
      FA.drawMode = 'turf';
      // Leaflet asks its canvas for a repaint on the next frame as layers are added, and
      // forgets that request (without cancelling it) when the fit below repaints at once;
      // with the doors' own request that made two repaints of every door in one frame.
      // Cancelled here, and one repaint of everything asked for at the end.
      var canvas = map._renderer, stale = canvas && canvas._redrawRequest;
      if (stale) {
        L.Util.cancelAnimFrame(stale);
        canvas._redrawRequest = null;
      }
      // Fit before drawing, without animation: "drawn" then means the final view.
      if (opts.fit) map.fitBounds(opts.fit, { padding: [20, 20], animate: false });
      var el = document.getElementById('fa-data');
      var data = (FA.data = FA.decode(JSON.parse(el.textContent)));
      // The map's own canvas renderer (preferCanvas): doors and turfs share one canvas,
      // so hover and clicks reach whichever is on top.
      if (opts.basemap) {
        FA.basemap = FA.addBasemap(map, opts.basemap);
        if (FA.basemap && opts.control) opts.control.addOverlay(FA.basemap, FA.labels.basemap || 'Basemap');
      }
      if (data.sketch && data.sketch.length) {
        // Drawn wherever no vector basemap covers the area; the layer control toggles it.
        FA.streets = new FA.StreetLayer(data.sketch, {
          covered: FA.basemap && opts.basemap.bounds ? opts.basemap.bounds : null });
        // Over raster tiles (a tile server or an MBTiles file) it starts hidden.
        if (!opts.rasterTiles) FA.streets.addTo(map);
        if (FA.basemap) {
          map.on('overlayadd overlayremove', function (e) {
            if (e.layer === FA.basemap && map.hasLayer(FA.streets)) FA.streets.redraw();
          });
        }
        if (opts.control) opts.control.addOverlay(FA.streets, FA.labels.sketch || 'Street sketch');
      }
      var doors = (FA.doors = new FA.DoorLayer(data, {}));
      var tip = L.tooltip({ direction: 'top', offset: [0, -6] });
      map.on('mousemove', function (e) {
        if (!map.hasLayer(doors)) return;
        var i = doors.nearest(map.latLngToLayerPoint(e.latlng));
        if (i >= 0) {
          tip.setLatLng([data.lat[i], data.lon[i]]).setContent(esc(FA.address(i)));
          if (!map.hasLayer(tip)) tip.addTo(map);
        } else if (map.hasLayer(tip)) {
          map.removeLayer(tip);
        }
      });
      doors.on('click', function (e) {
        var i = doors.nearest(e.layerPoint);
        if (i < 0) return;
        FA.clicks.push(i);
        doors.setHighlight(i);
        send('doorClicked', i);
      });
      doors.addTo(map);
      map.on('overlayadd', function (e) {
        if (e.layer === FA.streets && map.hasLayer(doors)) doors.bringToFront();
      });
      if (opts.control) opts.control.addOverlay(doors, FA.labels.doors || 'Doors');
      legendControl(data).addTo(map);
      if (data.n) searchControl().addTo(map);
      if (opts.note) noteControl(opts.note).addTo(map);
      if (opts.interactive && L.Control.Draw) FA.initDraw(map);
      if (stale) {
        canvas._redrawBounds = null; // the whole canvas
        canvas._redrawRequest = canvas._redrawRequest || L.Util.requestAnimFrame(canvas._redraw, canvas);
      }
      map.on('moveend', function () {
        var v = FA.view();
        send('viewChanged', v.lat, v.lon, v.zoom);
      });
      // The canvas paints on the next animation frame; the frame after it is drawn.
      L.Util.requestAnimFrame(function () {
        L.Util.requestAnimFrame(function () {
          FA.drawn = true;
          FA.drawnAt = performance.now();
          document.title = 'drawn:' + data.n;
          send('doorsDrawn', data.n);
        });
      });
    } catch (err) {
      FA.errors.push(String(err && err.stack || err));
      send('jsError', String(err && err.stack || err));
      throw err;
    }
    if (typeof QWebChannel !== 'undefined' && window.qt && qt.webChannelTransport) {
      new QWebChannel(qt.webChannelTransport, function (channel) {
        FA.bridge = channel.objects.bridge;
        send('pageReady', FA.doorCount(), FA.turfCount(), FA.eventCount());
        if (FA.drawn) send('doorsDrawn', FA.doorCount());
      });
    }
  };

  FA.initDraw = function (map) {
    var edit = FA.turfs ? { featureGroup: FA.turfs, remove: false } : false;
    FA.drawControl = new L.Control.Draw({
      position: 'topleft',
      draw: {
        polygon: { allowIntersection: false, showArea: false },
        rectangle: { showArea: false },
        polyline: false, circle: false, marker: false, circlemarker: false,
      },
      edit: edit,
    });
    map.addControl(FA.drawControl);
    modeControl().addTo(map);
    FA.pending = L.featureGroup().addTo(map);
    map.on(L.Draw.Event.CREATED, function (e) {
      FA.shapeDrawn(e.layer);
    });
    map.on(L.Draw.Event.EDITED, function (e) {
      e.layers.eachLayer(function (layer) {
        var id = layer.feature && layer.feature.properties && layer.feature.properties.id;
        if (id) send('turfEdited', id, JSON.stringify(layer.toGeoJSON().geometry));
      });
    });
  };

  // A finished shape: a new turf, or a lasso/box selection of doors.
  FA.shapeDrawn = function (layer) {
    if (FA.drawMode === 'select') {
      var hits = FA.doors.insidePolygon(rings(layer));
      FA.doors.setSelection(hits);
      send('doorsSelected', JSON.stringify(hits));
      return hits.length;
    }
    layer.setStyle && layer.setStyle({ color: '#000000', dashArray: '6 4', weight: 2, fillOpacity: 0.1 });
    FA.pending.addLayer(layer);
    send('polygonDrawn', JSON.stringify(layer.toGeoJSON().geometry));
    return -1;
  };
})();
