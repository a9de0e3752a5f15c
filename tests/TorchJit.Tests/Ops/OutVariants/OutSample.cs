namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>
/// One argument set for an op (one value per parameter of its implementation). <see cref="AllocationFree"/> is
/// false for samples that take a documented allocating path of the out variant (int64, bool or mixed dtypes,
/// broadcast add_layer_norm...), which are still checked for bits but not for allocations.
/// </summary>
public sealed record OutSample(string Label, object?[] Args, bool AllocationFree = true)
{
    public override string ToString() => Label;
}
