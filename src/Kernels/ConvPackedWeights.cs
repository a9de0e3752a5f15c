namespace TorchJit.Kernels;

/// <summary>
/// Convolution weights arranged once for the algorithm <see cref="Conv.PackWeights"/> chose (see
/// <see cref="ConvAlgorithm"/>). Immutable, so one instance may serve many threads.
/// </summary>
public sealed class PackedConvWeights
{
    private readonly float[] _data;

    internal PackedConvWeights(in Conv2dGeometry geometry, ConvAlgorithm algorithm, float[] data)
    {
        Geometry = geometry;
        Algorithm = algorithm;
        _data = data;
    }

    /// <summary>
    /// The geometry the weights were packed for. <see cref="Conv.Conv2d"/> accepts any geometry that differs
    /// from it only in Batch, InHeight and InWidth.
    /// </summary>
    public Conv2dGeometry Geometry { get; }

    /// <summary>The algorithm the weights are arranged for.</summary>
    public ConvAlgorithm Algorithm { get; }

    internal ReadOnlySpan<float> Data => _data;

    internal void RequireCompatible(in Conv2dGeometry g)
    {
        if (!Geometry.SameWeightsAs(g))
        {
            throw new ArgumentException(
                $"Conv2d: weights were packed for {Geometry} but the call has {g}; only Batch, InHeight and InWidth may differ",
                "w");
        }
    }
}
