namespace TorchJit.Kernels.Tests;

/// <summary>Public entry points for accelerated widths, internal *At ones for emulated widths (see <see cref="TestWidths"/>).</summary>
internal static class ReductionDrive
{
    public static void Sum(float[] x, Shape s, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.SumAt(x, s.Outer, s.Axis, s.Inner, d, w); }
        else { AxisReductions.Sum(x, s.Outer, s.Axis, s.Inner, d, w); }
    }

    public static void Mean(float[] x, Shape s, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.MeanAt(x, s.Outer, s.Axis, s.Inner, d, w); }
        else { AxisReductions.Mean(x, s.Outer, s.Axis, s.Inner, d, w); }
    }

    public static void Max(float[] x, Shape s, Span<float> v, Span<long> i, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.ExtremumAt<MaxFold, ArgMaxRule>("Max", x, s.Outer, s.Axis, s.Inner, v, i, w); }
        else { AxisReductions.Max(x, s.Outer, s.Axis, s.Inner, v, i, w); }
    }

    public static void Min(float[] x, Shape s, Span<float> v, Span<long> i, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.ExtremumAt<MinFold, ArgMinRule>("Min", x, s.Outer, s.Axis, s.Inner, v, i, w); }
        else { AxisReductions.Min(x, s.Outer, s.Axis, s.Inner, v, i, w); }
    }

    public static void Var(float[] x, Shape s, double correction, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.MomentAt("Var", x, s.Outer, s.Axis, s.Inner, correction, false, d, w); }
        else { AxisReductions.Var(x, s.Outer, s.Axis, s.Inner, correction, d, w); }
    }

    public static void Std(float[] x, Shape s, double correction, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { AxisReductions.MomentAt("Std", x, s.Outer, s.Axis, s.Inner, correction, true, d, w); }
        else { AxisReductions.Std(x, s.Outer, s.Axis, s.Inner, correction, d, w); }
    }
}

/// <summary>A tensor viewed as [outer, axis, inner], reduced over the middle dimension.</summary>
public readonly record struct Shape(int Outer, int Axis, int Inner)
{
    public int Length => Outer * Axis * Inner;

    public int OutLength => Outer * Inner;

    public float At(float[] x, int o, int a, int i) => x[(((o * Axis) + a) * Inner) + i];

    public override string ToString() => $"[{Outer}, {Axis}, {Inner}]";
}
