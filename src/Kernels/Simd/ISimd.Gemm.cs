namespace TorchJit.Kernels;

/// <summary>Per-width shape of the SGEMM register tile (Note [Sgemm tile]).</summary>
internal partial interface ISimd<TVec>
    where TVec : struct
{
    /// <summary>Vectors across one packed B panel; the panel is <c>GemmPanelVectors * Count</c> floats wide.</summary>
    static abstract int GemmPanelVectors { get; }
}
