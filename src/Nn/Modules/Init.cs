namespace TorchJit.Modules;

/// <summary>PyTorch's default initialisations, drawn from the seeded default generator.</summary>
internal static class Init
{
    /// <summary>U(-bound, bound) with bound = 1/sqrt(fanIn): what kaiming_uniform_(a=√5) gives for weights, and the bias rule.</summary>
    public static Parameter Uniform(long fanIn, params long[] shape)
    {
        float bound = fanIn > 0 ? 1f / MathF.Sqrt(fanIn) : 0f;
        var t = torch.zeros(shape);
        torch.DefaultGenerator.FillUniform(t.Float32Span, -bound, bound);
        return new Parameter(t);
    }

    /// <summary>xavier_uniform_: U(-a, a), a = sqrt(6 / (fanIn + fanOut)).</summary>
    public static Parameter XavierUniform(long fanOut, long fanIn, params long[] shape)
    {
        float a = MathF.Sqrt(6f / (fanIn + fanOut));
        var t = torch.zeros(shape);
        torch.DefaultGenerator.FillUniform(t.Float32Span, -a, a);
        return new Parameter(t);
    }

    public static Parameter Constant(float value, params long[] shape) => new(torch.full(shape, value));
}
