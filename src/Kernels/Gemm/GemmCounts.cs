namespace TorchJit.Kernels;

/// <summary>A compile-time count: micro-kernel shapes are type arguments so the JIT specializes each (Note [Sgemm tile]).</summary>
internal interface IGemmCount
{
    static abstract int Value { get; }
}

internal readonly struct GemmCount1 : IGemmCount
{
    public static int Value => 1;
}

internal readonly struct GemmCount2 : IGemmCount
{
    public static int Value => 2;
}

internal readonly struct GemmCount3 : IGemmCount
{
    public static int Value => 3;
}

internal readonly struct GemmCount4 : IGemmCount
{
    public static int Value => 4;
}

internal readonly struct GemmCount5 : IGemmCount
{
    public static int Value => 5;
}

internal readonly struct GemmCount6 : IGemmCount
{
    public static int Value => 6;
}

internal readonly struct GemmCount8 : IGemmCount
{
    public static int Value => 8;
}
