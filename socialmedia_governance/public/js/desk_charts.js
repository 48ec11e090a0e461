// Every chart of the desk (workspace charts, report charts, form heatmaps) is made by
// `new frappe.Chart`. Frappe Charts animates an update by taking the chart's <svg> out of its
// container for 250 ms while an animated copy stands in its place; a redraw inside that window
// (its ResizeObserver fires whenever the page's layout moves, e.g. while a workspace's other
// widgets load) removes the <svg> from a container that no longer holds it and throws
// "Failed to execute 'removeChild' on 'Node'" into the console, leaving that redraw undone.
// Each chart made through frappe.Chart redraws once its <svg> is back instead.
// A chart drawn or updated while its page is hidden (a workspace left before its charts came:
// the container is 0 px wide) gets negative widths, which the browser refuses with a console error
// per bar ("<rect> attribute width: A negative value is not valid"). Those calls now wait until the
// chart is shown again, then run in their order. Every chart type inherits draw and update from
// Frappe Charts' BaseChart, found once through a probe chart drawn off screen; guarding them there
// covers the first draw too, which runs inside the chart's constructor.
(() => {
	const Chart = frappe.Chart;
	if (!Chart || Chart.smg_guarded) return;
	const SWAP_MS = 300; // Frappe Charts puts the <svg> back after 250 ms

	const hidden = (chart) => chart.parent instanceof Element && !chart.parent.offsetWidth;

	// run fn.apply(chart, args) now, or, while the chart is hidden or has calls waiting, after them
	// once it is shown
	function whenShown(chart, fn, args, widthOnly = false) {
		const waiting = chart.smg_deferred && chart.smg_deferred.length;
		if (!hidden(chart) && !waiting) return fn.apply(chart, args);
		// a resize's redraw: Frappe Charts skips it when hidden, and a chart whose first draw waits
		// has nothing to redraw yet (its own observer fires first once shown: the data is not set)
		if (widthOnly) return;
		chart.smg_deferred = chart.smg_deferred || [];
		chart.smg_deferred.push([fn, args]);
		if (!chart.smg_shown) {
			chart.smg_shown = new ResizeObserver(() => {
				if (hidden(chart)) return;
				chart.smg_shown.disconnect();
				chart.smg_shown = null;
				const calls = chart.smg_deferred.splice(0);
				for (const [call, callArgs] of calls) call.apply(chart, callArgs);
			});
			chart.smg_shown.observe(chart.parent);
		}
	}

	function guardHidden() {
		const probe = document.createElement("div");
		probe.style.cssText = "position: absolute; left: -10000px; top: 0; width: 320px";
		document.body.appendChild(probe);
		try {
			const chart = new Chart(probe, {
				type: "bar",
				height: 80,
				data: { labels: ["-"], datasets: [{ values: [1] }] },
			});
			let base = Object.getPrototypeOf(chart);
			while (Object.getPrototypeOf(base) && Object.getPrototypeOf(base) !== Object.prototype) {
				base = Object.getPrototypeOf(base);
			}
			const { draw, update } = base;
			if (typeof draw === "function") {
				base.draw = function (onlyWidthChange, ...rest) {
					return whenShown(this, draw, [onlyWidthChange, ...rest], onlyWidthChange === true);
				};
			}
			if (typeof update === "function") {
				base.update = function (...args) {
					return whenShown(this, update, args);
				};
			}
			if (typeof chart.destroy === "function") chart.destroy();
		} finally {
			probe.remove();
		}
	}

	function guard(chart) {
		const draw = chart && chart.draw;
		if (typeof draw !== "function") return chart;
		chart.draw = function (...args) {
			if (this.svg && this.container && this.svg.parentNode !== this.container) {
				clearTimeout(this.smg_redraw);
				this.smg_redraw = setTimeout(() => this.draw(...args), SWAP_MS);
				return;
			}
			return draw.apply(this, args);
		};
		return chart;
	}

	if (document.body) guardHidden();
	else document.addEventListener("DOMContentLoaded", guardHidden);

	function GuardedChart(parent, options) {
		return guard(new Chart(parent, options));
	}
	GuardedChart.prototype = Chart.prototype;
	GuardedChart.smg_guarded = true;
	frappe.Chart = GuardedChart;
})();
