namespace TorchJit.Tests.Conformance;

/// <summary>A broadcasting binary op under test: its entry points (cases rotate through them) and float64 reference.</summary>
internal sealed record BinaryOp(string Name, Func<Tensor, Tensor, Tensor>[] Runs, Func<double, double, double> Reference)
{
    /// <summary>Values for the right operand (the left one is always <see cref="Samplers.Normal"/> with specials).</summary>
    public Func<Random, float> SampleOther { get; init; } = Samplers.Normal(3);

    public override string ToString() => Name;
}
