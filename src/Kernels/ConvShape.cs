namespace TorchJit.Kernels;

/// <summary>Size checks and output-size arithmetic shared by the conv geometries.</summary>
internal static class ConvShape
{
    /// <summary>
    /// PyTorch's conv output size along one axis, (in + 2p - d(k-1) - 1) / s + 1, after the checks
    /// <c>aten::_convolution</c> makes; throws naming the sizes when the window does not fit.
    /// </summary>
    public static int OutputSize(string op, string axis, int input, int kernel, int stride, int pad, int dilation)
    {
        RequireAtLeast(op, "input", axis, input, 1);
        RequireAtLeast(op, "kernel", axis, kernel, 1);
        RequireAtLeast(op, "stride along", axis, stride, 1);
        RequireAtLeast(op, "padding along", axis, pad, 0);
        RequireAtLeast(op, "dilation along", axis, dilation, 1);

        // long: 2 * pad and dilation * (kernel - 1) may overflow int for absurd inputs.
        long padded = input + (2L * pad);
        long dilatedKernel = ((long)dilation * (kernel - 1)) + 1;
        if (padded < dilatedKernel)
        {
            throw new ArgumentException(
                $"{op}: padded input {axis} {padded} (input {input} + 2 * padding {pad}) is smaller than the dilated kernel " +
                $"{axis} {dilatedKernel} (dilation {dilation} * (kernel {kernel} - 1) + 1), so the output would be empty");
        }

        long output = ((padded - dilatedKernel) / stride) + 1;
        if (output > int.MaxValue)
        {
            throw new ArgumentException($"{op}: output {axis} {output} does not fit in an int");
        }

        return (int)output;
    }

    /// <summary>Batch and channel checks common to every conv geometry.</summary>
    public static void RequireChannels(string op, int batch, int inChannels, int outChannels, int groups)
    {
        RequireAtLeast(op, "batch", batch, 0);
        RequireAtLeast(op, "in_channels", inChannels, 1);
        RequireAtLeast(op, "out_channels", outChannels, 1);
        RequireAtLeast(op, "groups", groups, 1);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(
                $"{op}: in_channels {inChannels} and out_channels {outChannels} must both be divisible by groups {groups}");
        }
    }

    public static void RequireAtLeast(string op, string what, int value, int min) => RequireAtLeast(op, what, null, value, min);

    /// <summary>Throws "op: what axis is value but must be at least min"; the message is built only on failure.</summary>
    public static void RequireAtLeast(string op, string what, string? axis, int value, int min)
    {
        if (value < min)
        {
            string name = axis is null ? what : $"{what} {axis}";
            throw new ArgumentException($"{op}: {name} is {value} but must be at least {min}");
        }
    }

    /// <summary>Throws unless <paramref name="length"/> is the product of <paramref name="shape"/> (formats only on failure).</summary>
    public static void RequireLength(string op, string name, int length, params ReadOnlySpan<int> shape)
    {
        long expected = 1;
        foreach (int s in shape)
        {
            expected *= s;
        }

        if (length != expected)
        {
            throw new ArgumentException($"{op}: {name} has {length} elements but shape [{string.Join(", ", shape.ToArray())}] needs {expected}", name);
        }
    }
}
