using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;
using TorchJit.Tests.Passes;

namespace TorchJit.Tests.Codegen.Emit;

/// <summary>
/// The recorder's listing: ildasm-like lines at real byte offsets, type-qualified members, branch targets as
/// offsets, escaped literals, and a header with the signature and locals.
/// </summary>
public sealed class RecordingEmitterListingTests
{
    [Fact]
    public void ListsAHandWrittenMethodAtItsByteOffsets()
    {
        var il = new RecordingEmitter("torchjit_clamp", typeof(long), SampleMethods.ClampParameters);
        SampleMethods.EmitClamp(il);

        new FileCheck()
            .Check("// torchjit_clamp(System.Int64, System.Int64) -> System.Int64")
            .CheckNext("// locals:")
            .CheckNext("//   V_0 (System.Int64)")
            .CheckNext("IL_0000: ldarg.0")
            .CheckNext("IL_0001: stloc.0 // V_0 (System.Int64)") // ILGenerator's short form, still naming the local
            .CheckNext("IL_0002: ldloc.0 // V_0 (System.Int64)")
            .CheckNext("IL_0003: ldarg.1")
            .CheckNext("IL_0004: blt IL_000b") // the label's offset: after the 5-byte blt and two 1-byte instructions
            .CheckNext("IL_0009: ldarg.1")
            .CheckNext("IL_000a: stloc.0")
            .CheckNext("IL_000b: ldloc.0")
            .CheckNext("IL_000c: ldc.i8 0")
            .CheckNext("IL_0015: call System.Int64 System.Math::Max(System.Int64, System.Int64)")
            .CheckNext("IL_001a: ret")
            .Run(il.Listing());
        Assert.Equal(0x1b, il.Size);
        Assert.Equal(11, il.Count);
        il.Verify();
    }

    [Fact]
    public void SpellsOperandsOfEveryKind()
    {
        var il = SampleMethods.Recorder(typeof(void), typeof(Tensor));
        for (int i = 0; i < 4; i++) il.DeclareLocal(typeof(long));
        var fifth = il.DeclareLocal(typeof(DateTime));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(AtenOps).GetMethod(nameof(AtenOps.relu))!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_R4, 1.5f);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_R8, 0.1);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldstr, "say \"hi\"\n\tto C:\\");
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_I4, -7);
        il.Emit(OpCodes.Newarr, typeof(Tensor));
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Newobj, typeof(List<long>).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Callvirt, typeof(List<long>).GetProperty(nameof(List<long>.Count))!.GetMethod!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldsfld, typeof(string).GetField(nameof(string.Empty))!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldloca, fifth);
        il.Emit(OpCodes.Initobj, typeof(DateTime));
        il.Emit(OpCodes.Ldloc, fifth);
        il.Emit(OpCodes.Stloc, fifth);
        il.Emit(OpCodes.Ret);

        new FileCheck()
            .Check("// torchjit_test(TorchJit.Tensor) -> System.Void")
            .Check("//   V_4 (System.DateTime)")
            .CheckNext("IL_0000: ldarg.0")
            .CheckNext("IL_0001: call TorchJit.Tensor TorchJit.Ir.AtenOps::relu(TorchJit.Tensor)")
            .Check(": ldc.r4 1.5")
            .Check(": ldc.r8 0.1")
            .Check(": ldstr \"say \\\"hi\\\"\\n\\tto C:\\\\\"")
            .Check(": ldc.i4.s -7")
            .CheckNext(": newarr TorchJit.Tensor")
            .Check(": newobj instance System.Void System.Collections.Generic.List<System.Int64>::.ctor()")
            .CheckNext(": callvirt instance System.Int32 System.Collections.Generic.List<System.Int64>::get_Count()")
            .Check(": ldsfld static System.String System.String::Empty")
            .Check(": ldloca.s V_4 (System.DateTime)")
            .CheckNext(": initobj System.DateTime")
            .CheckNext(": ldloc.s V_4 (System.DateTime)")
            .CheckNext(": stloc.s V_4 (System.DateTime)")
            .CheckNext(": ret")
            .Run(il.Listing());
        il.Verify();
    }

    [Fact]
    public void ShowsTheShortFormsILGeneratorWrites()
    {
        var il = SampleMethods.Recorder(typeof(void), typeof(long), typeof(long));
        il.Emit(OpCodes.Ldc_I4, 1);
        il.Emit(OpCodes.Ldc_I4, -1);
        il.Emit(OpCodes.Ldc_I4, 9);
        il.Emit(OpCodes.Ldc_I4, 1000);
        il.Emit(OpCodes.Ldarg, 1);
        il.Emit(OpCodes.Ldarga, 0);
        il.Emit(OpCodes.Starg, 1);

        new FileCheck()
            .Check("IL_0000: ldc.i4.1")
            .CheckNext("IL_0001: ldc.i4.m1")
            .CheckNext("IL_0002: ldc.i4.s 9")
            .CheckNext("IL_0004: ldc.i4 1000")
            .CheckNext("IL_0009: ldarg.1")
            .CheckNext("IL_000a: ldarga.s 0")
            .CheckNext("IL_000c: starg.s 1")
            .CheckNot("//") // an opcode that carries its constant needs no comment
            .Run(il.Listing());
    }

    [Fact]
    public void ALabelThatIsNeverMarkedIsNamedInTheListing()
    {
        var il = SampleMethods.Recorder(typeof(void));
        var nowhere = il.DefineLabel();
        il.Emit(OpCodes.Br, nowhere);

        Assert.Contains("IL_0000: br L_0 (never marked)", il.Listing(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADynamicMethodOperandHasNoDeclaringType()
    {
        var callee = new DynamicMethod("torchjit_callee", typeof(long), [typeof(long)], typeof(RecordingEmitterListingTests).Module);
        var il = SampleMethods.Recorder(typeof(long), typeof(long));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, callee);
        il.Emit(OpCodes.Ret);

        Assert.Contains("IL_0001: call System.Int64 torchjit_callee(System.Int64)", il.Listing(), StringComparison.Ordinal);
        il.Verify();
    }
}
