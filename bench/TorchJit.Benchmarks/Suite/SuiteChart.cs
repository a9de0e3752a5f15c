using ScottPlot;

namespace TorchJit.Benchmarks.Suite;

/// <summary>
/// The chart of issue 7: compiled (O2) time over ONNX Runtime's time per workload, at 1 and 2 threads. Below the
/// line at 1, TorchJit is faster; the issue's target is every bar at or below it.
/// </summary>
public static class SuiteChart
{
    public static void Write(IReadOnlyList<SuiteRow> rows, string path, string mode)
    {
        var plot = new Plot();
        var workloads = rows.Select(r => r.Workload).Distinct().ToArray();
        var colors = new[] { Colors.SteelBlue, Colors.DarkOrange };
        var bars = new List<Bar>();
        for (int w = 0; w < workloads.Length; w++)
        {
            for (int t = 0; t < 2; t++)
            {
                var row = rows.FirstOrDefault(r => r.Workload == workloads[w] && r.Threads == t + 1);
                if (row is null) continue;
                double ratio = row.Ratio("Compiled", "OnnxRuntime");
                bars.Add(new Bar { Position = (w * 3) + t, Value = ratio, FillColor = colors[t], Label = ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        var parity = plot.Add.HorizontalLine(1);
        parity.LinePattern = LinePattern.Dashed;
        parity.Color = Colors.Black;
        plot.Axes.Bottom.SetTicks([.. workloads.Select((_, i) => (i * 3) + 0.5)], workloads);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.Margins(bottom: 0);
        plot.Title($"TorchJit compiled (O2) time / ONNX Runtime time — below 1: TorchJit faster ({mode} run)");
        plot.YLabel("time ratio, compiled / ONNX Runtime");
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "1 thread", FillColor = colors[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "2 threads", FillColor = colors[1] });
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1400, 700);
    }
}
