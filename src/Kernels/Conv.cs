namespace TorchJit.Kernels;

/// <summary>
/// Convolutions over contiguous float32 tensors with PyTorch semantics: NCHW input, [outC, inC/groups, kH, kW]
/// weights, zero padding, optional bias and fused ReLU. Weights are packed once per layer
/// (<see cref="PackWeights"/>), which also picks the algorithm (<see cref="ConvAlgorithm"/>).
/// </summary>
/// <remarks>
/// Scratch memory (padded input, im2col columns, GEMM tiles) comes from a grow-only thread-static buffer,
/// so steady-state calls allocate nothing. Outputs must not overlap inputs. Accumulation is in float32; the
/// summation order depends on the algorithm and width (tests allow atol 1e-4 + rtol 1e-4 against float64).
/// </remarks>
public static partial class Conv
{
    /// <summary>
    /// Arranges <paramref name="weight"/> [OutChannels, InChannels/Groups, KernelHeight, KernelWidth] for the
    /// algorithm this geometry gets; the result serves every geometry that differs only in Batch, InHeight, InWidth.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is invalid or the weight has the wrong length.</exception>
    public static PackedConvWeights PackWeights(ReadOnlySpan<float> weight, in Conv2dGeometry g)
    {
        g.Validate();
        ConvShape.RequireLength(
            "PackWeights", nameof(weight), weight.Length, g.OutChannels, g.InChannelsPerGroup, g.KernelHeight, g.KernelWidth);
        ConvAlgorithm algorithm = ChooseAlgorithm(g);
        float[] data = algorithm == ConvAlgorithm.Direct ? PackDirect(weight, g) : weight.ToArray();
        return new PackedConvWeights(g, algorithm, data);
    }

    /// <summary>
    /// y [N, OutChannels, OutHeight, OutWidth] = conv2d(x [N, InChannels, InHeight, InWidth], w) + bias, then
    /// ReLU if <paramref name="fuseRelu"/>. <paramref name="bias"/> is empty or has OutChannels elements.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The geometry is invalid, <paramref name="w"/> was packed for a geometry that differs in more than Batch,
    /// InHeight and InWidth, or a span has the wrong length.
    /// </exception>
    public static void Conv2d(
        ReadOnlySpan<float> x, PackedConvWeights w, ReadOnlySpan<float> bias, Span<float> y, in Conv2dGeometry g, bool fuseRelu = false) =>
        Conv2dAt(x, w, bias, y, g, fuseRelu, VectorWidths.Resolve(VectorWidth.Best));

    /// <summary>
    /// y [N, OutChannels, OutLength] = conv1d(x [N, InChannels, InLength], weight [OutChannels,
    /// InChannels/Groups, KernelSize]) + bias (empty or OutChannels elements). Needs no packing: it runs the
    /// algorithms whose weight layout is PyTorch's own.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is invalid or a span has the wrong length.</exception>
    public static void Conv1d(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y, in Conv1dGeometry g) =>
        Conv1dAt(x, weight, bias, y, g, VectorWidths.Resolve(VectorWidth.Best));

    internal static void Conv2dAt(
        ReadOnlySpan<float> x, PackedConvWeights w, ReadOnlySpan<float> bias, Span<float> y, in Conv2dGeometry g,
        bool fuseRelu, VectorWidth resolved)
    {
        ArgumentNullException.ThrowIfNull(w);
        g.Validate();
        w.RequireCompatible(g);
        RequireSpans("Conv2d", x, bias, y, g);
        Run(w.Algorithm, x, w.Data, bias, y, g, fuseRelu, resolved);
    }

    internal static void Conv1dAt(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y, in Conv1dGeometry g,
        VectorWidth resolved)
    {
        g.Validate();
        Conv2dGeometry g2 = g.ToConv2d();
        ConvShape.RequireLength("Conv1d", nameof(weight), weight.Length, g.OutChannels, g2.InChannelsPerGroup, g.KernelSize);
        RequireSpans("Conv1d", x, bias, y, g2);

        // Direct is the one algorithm whose packing is not the identity.
        ConvAlgorithm algorithm = ChooseAlgorithm(g2);
        Run(algorithm == ConvAlgorithm.Direct ? ConvAlgorithm.Im2ColGemm : algorithm, x, weight, bias, y, g2, false, resolved);
    }

    // Note [Conv algorithm choice]: depends only on what SameWeightsAs compares, so packed weights stay valid
    // when N, H or W change. Pointwise and Depthwise are exact matches for their shapes. Direct beats
    // im2col + Gemm.MatMul for stride-1 kernels: it never writes the kH*kW-times-larger column matrix and its
    // 4x3 register tile ran at 70-83 GFLOP/s on the zoo convs and ~65 on 64->64 56x56 and 256->256 14x14
    // (AVX2 peak here ~94), against 20-35 for im2col + MatMul. Re-measure large channel counts once
    // MultiplyInto calls the packed SGEMM (Note [Conv GEMM]).
    internal static ConvAlgorithm ChooseAlgorithm(in Conv2dGeometry g)
    {
        if (g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideH == 1 && g.StrideW == 1 && g.PadH == 0 && g.PadW == 0)
        {
            return ConvAlgorithm.Pointwise;
        }

        if (g.InChannelsPerGroup == 1)
        {
            return ConvAlgorithm.Depthwise;
        }

        if (g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1)
        {
            return ConvAlgorithm.Direct;
        }

        return ConvAlgorithm.Im2ColGemm;
    }

    private static void Run(
        ConvAlgorithm algorithm, ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        if (g.Batch == 0)
        {
            return;
        }

        switch (algorithm)
        {
            case ConvAlgorithm.Pointwise: RunPointwise(x, weights, bias, y, g, relu, resolved); break;
            case ConvAlgorithm.Depthwise: RunDepthwise(x, weights, bias, y, g, relu, resolved); break;
            case ConvAlgorithm.Direct: RunDirect(x, weights, bias, y, g, relu, resolved); break;
            default: RunIm2ColGemm(x, weights, bias, y, g, relu, resolved); break;
        }
    }

    private static void RequireSpans(string op, ReadOnlySpan<float> x, ReadOnlySpan<float> bias, Span<float> y, in Conv2dGeometry g)
    {
        ConvShape.RequireLength(op, nameof(x), x.Length, g.Batch, g.InChannels, g.InHeight, g.InWidth);
        ConvShape.RequireLength(op, nameof(y), y.Length, g.Batch, g.OutChannels, g.OutHeight, g.OutWidth);
        if (bias.Length != 0 && bias.Length != g.OutChannels)
        {
            throw new ArgumentException($"{op}: bias has {bias.Length} elements but must be empty or have out_channels = {g.OutChannels}", nameof(bias));
        }
    }
}
