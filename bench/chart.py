"""bench/results.png: latency distributions and throughput of both bots, side by side."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen here
import matplotlib.pyplot as plt

COLOURS = {"ours": "#1f77b4", "starter": "#ff7f0e"}


def draw(results: dict, path: Path) -> None:
    bots = results["bots"]
    figure, (latency, throughput) = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [3, 1]})
    groups = [("c1", "REST, 1 user"), ("c16", "REST, 16 users"), ("parse", "/model/parse")]
    positions, data, colours, ticks = [], [], [], []
    for g, (key, title) in enumerate(groups):
        for b, name in enumerate(("ours", "starter")):
            positions.append(g * 3 + b)
            data.append(bots[name]["latencies_ms"][key])
            colours.append(COLOURS[name])
        ticks.append((g * 3 + 0.5, title))
    parts = latency.violinplot(data, positions=positions, showmedians=True, widths=0.9)
    for body, colour in zip(parts["bodies"], colours, strict=False):
        body.set_facecolor(colour)
        body.set_alpha(0.6)
    for lines in ("cmedians", "cmins", "cmaxes", "cbars"):
        parts[lines].set_color("black")
        parts[lines].set_linewidth(1)
    latency.set_xticks([t for t, _ in ticks], [label for _, label in ticks])
    latency.set_ylabel("latency (ms)")
    latency.set_yscale("log")
    latency.set_title("Latency per message (median marked)")
    latency.legend(handles=[plt.Rectangle((0, 0), 1, 1, color=c) for c in COLOURS.values()], labels=list(COLOURS))
    latency.grid(axis="y", which="both", alpha=0.3)
    names = ["ours", "starter"]
    values = [bots[n]["rest"]["c16"]["throughput"] for n in names]
    throughput.bar(names, values, color=[COLOURS[n] for n in names])
    for x, value in enumerate(values):
        throughput.text(x, value, f"{value:.1f}", ha="center", va="bottom")
    throughput.set_ylabel("messages per second")
    throughput.set_title("Throughput, 16 users")
    figure.suptitle(
        f"make bench, {results['generated']}: ours vs Rasa's starter bot ({results['machine']['cores']} cores)"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
