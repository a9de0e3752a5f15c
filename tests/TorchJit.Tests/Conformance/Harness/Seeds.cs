namespace TorchJit.Tests.Conformance;

/// <summary>Fixed seeds per test case (string.GetHashCode is randomized per process, so it would not reproduce).</summary>
internal static class Seeds
{
    public static Random For(string name, int salt = 0)
    {
        uint h = 2166136261; // FNV-1a
        foreach (char c in name) h = (h ^ c) * 16777619;
        return new Random((int)(h ^ (uint)salt) & int.MaxValue);
    }
}
