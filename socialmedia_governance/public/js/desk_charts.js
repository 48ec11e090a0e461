// Every chart of the desk (workspace charts, report charts, form heatmaps) is made by
// `new frappe.Chart`. Frappe Charts animates an update by taking the chart's <svg> out of its
// container for 250 ms while an animated copy stands in its place; a redraw inside that window
// (its ResizeObserver fires whenever the page's layout moves, e.g. while a workspace's other
// widgets load) removes the <svg> from a container that no longer holds it and throws
// "Failed to execute 'removeChild' on 'Node'" into the console, leaving that redraw undone.
// Each chart made through frappe.Chart redraws once its <svg> is back instead.
(() => {
	const Chart = frappe.Chart;
	if (!Chart || Chart.smg_guarded) return;
	const SWAP_MS = 300; // Frappe Charts puts the <svg> back after 250 ms

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

	function GuardedChart(parent, options) {
		return guard(new Chart(parent, options));
	}
	GuardedChart.prototype = Chart.prototype;
	GuardedChart.smg_guarded = true;
	frappe.Chart = GuardedChart;
})();
