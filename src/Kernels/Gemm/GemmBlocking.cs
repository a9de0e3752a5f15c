namespace TorchJit.Kernels;

// Note [Sgemm blocking]: the loops around the micro-kernel follow BLIS (Van Zee & van de Geijn, "BLIS: A
// Framework for Rapidly Instantiating BLAS Functionality", 2015). For each NC-wide column block, each KC-deep
// k block and each MC-tall row block, A[MC, KC] is packed into MR-row micro-panels and multiplied by the
// prepacked B[KC, NC] micro-panel by micro-panel. The sizes aim the operands at the caches:
//   KC: one B micro-panel (KC x NR floats) is reused by every A micro-panel of the row block, so it should
//       stay in L1d next to the streaming A micro-panel: 384 x 16 x 4 B = 24 KB of a 32 KB L1d. Deeper
//       blocks also mean fewer passes that reload C (Note [Sgemm tile]).
//   MC: the packed A block (MC x KC) is reused by every B micro-panel, so it should stay in L2:
//       144 x 384 x 4 B = 216 KB of a 512 KB (Zen 3) to 2 MB (Sapphire Rapids) L2.
//   NC: the B block (KC x NC) is reused by every row block; it lives in L3: 384 x 4080 x 4 B = 6 MB.
// The starting point was BLIS's Zen/Haswell sgemm configuration (MR 6, NR 16, KC 256, MC 144, NC 4080).
// Measured on a shared 2-core Zen 3 EPYC, best of interleaved runs at 1024^3: KC 256 -> 76-79% of the FMA
// peak, KC 384 -> 79-82%, KC 512 or 1024 no better; MC 72..240 within noise; NC of 256 or 512 (B block in
// L2) 1-2% worse. At 256^3 all of these were within noise (84-86%). The 128-bit sizes follow the 256-bit
// ones; the 512-bit ones are unmeasured starting points (no AVX-512 host was available).
// A k block count of ceil(k / KC) splits k evenly (784 -> 262 + 261 + 261, not 384 * 2 + 16) so no block is
// a sliver that pays the C reload for little work.

/// <summary>Register tile and cache block sizes of the packed SGEMM at one width (Note [Sgemm blocking]).</summary>
internal readonly record struct GemmBlocking(int Mr, int Nr, int Kc, int Mc, int Nc)
{
    /// <summary>Tile rows of every width: 6 rows by one B panel (Note [Sgemm tile]).</summary>
    public const int TileRows = 6;

    /// <summary>Widest tile of any width (512 bits, 1-2 rows: 8 vectors of 16), which sizes the edge-tile buffer.</summary>
    public const int MaxTileWidth = 128;

    /// <summary>The production sizes for a resolved width; Scalar only uses <see cref="Kc"/> (its panels are one column).</summary>
    public static GemmBlocking For(VectorWidth resolved) => resolved switch
    {
        VectorWidth.V512 => new(TileRows, 64, 128, 144, 4032),
        VectorWidth.V256 => new(TileRows, 16, 384, 144, 4080),
        VectorWidth.V128 => new(TileRows, 8, 384, 144, 4080),
        _ => new(1, 1, 256, 1, 1),
    };
}
