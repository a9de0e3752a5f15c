using System.Runtime.CompilerServices;
using TorchJit.Codegen.Emit;

namespace TorchJit.Tests.Support;

/// <summary>Every method codegen emits while these tests run is also recorded and its evaluation stack checked.</summary>
internal static class VerifyEmittedIL
{
    [ModuleInitializer]
    internal static void Enable() => ILDump.VerifyAll = true;
}
