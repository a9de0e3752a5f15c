namespace TorchJit.Tests.Conformance;

/// <summary>
/// One elementwise op under test: its entry points (method, <c>torch.*</c>, <c>torch.nn.functional.*</c>;
/// the cases rotate through them), its float64 reference and the values it is fed.
/// </summary>
internal sealed record UnaryOp(string Name, Func<Tensor, Tensor>[] Runs, Func<double, double> Reference, Func<Random, float> Sample)
{
    public Tolerance Tolerance { get; init; } = Tolerance.Default;

    public override string ToString() => Name;
}
