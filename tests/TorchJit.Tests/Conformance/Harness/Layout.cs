namespace TorchJit.Tests.Conformance;

/// <summary>How an operand's elements lie in memory. Every layout but <see cref="Contiguous"/> is a view PyTorch users make daily.</summary>
internal enum Layout
{
    /// <summary>Dense row-major.</summary>
    Contiguous,

    /// <summary><c>base.transpose(-1, -2)</c> (rank below 2: <see cref="Stepped"/>).</summary>
    Transposed,

    /// <summary><c>base.permute(...)</c> with a random non-identity order (rank below 2: <see cref="Stepped"/>).</summary>
    Permuted,

    /// <summary><c>base[..., 1::2, ...]</c> along a random dim: a step and a storage offset.</summary>
    Stepped,

    /// <summary><c>base[..., 1]</c> of a base with an extra trailing dim of 2: every stride doubled, offset 1.</summary>
    Selected,

    /// <summary><c>small.expand(shape)</c>: some dims of size &gt; 1 have stride 0 (no such dim: <see cref="Selected"/>).</summary>
    Expanded,
}

/// <summary>Layouts grouped for test loops.</summary>
internal static class Layouts
{
    public static readonly Layout[] All = Enum.GetValues<Layout>();

    /// <summary>Views whose element order differs from their logical order (no stride-0 dims), for ops whose inputs must hold distinct values.</summary>
    public static readonly Layout[] Distinct = [Layout.Contiguous, Layout.Transposed, Layout.Permuted, Layout.Stepped, Layout.Selected];
}
