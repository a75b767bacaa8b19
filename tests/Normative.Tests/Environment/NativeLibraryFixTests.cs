using Normative.NativeFix;
using TorchSharp;

namespace Normative.Tests.Environment;

/// <summary>
/// The build's libstdc++ fix (environment/TorchSharpNativeFix) is in effect for the native
/// library this test process actually loaded, and the patcher behaves on copies.
/// </summary>
public sealed class NativeLibraryFixTests
{
    private const string LibStdCxx = "libstdc++.so.6";

    private static string LoadedLibTorchSharp()
    {
        // Touch TorchSharp so its native library is loaded, then find the file the process mapped.
        _ = torch.zeros(1);
        var mapped = File.ReadAllLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(f => f[5])
            .FirstOrDefault();
        Assert.True(mapped != null, "libLibTorchSharp.so is not mapped into the test process.");
        return mapped!;
    }

    private static string LoadedLibStdCxx()
    {
        var mapped = File.ReadAllLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so.6", StringComparison.Ordinal))
            .Select(f => f[5])
            .FirstOrDefault();
        Assert.True(mapped != null, "libstdc++ is not mapped into the test process.");
        return mapped!;
    }

    [Fact]
    public void EveryLibStdCxxRequirementOfTheLoadedLibraryIsSatisfiedOrWeak()
    {
        string library = LoadedLibTorchSharp();
        var provided = ElfVersionRequirements.ReadDefinitions(LoadedLibStdCxx());
        var requirements = ElfVersionRequirements.ReadRequirements(library).Where(r => r.File == LibStdCxx).ToList();

        Assert.NotEmpty(requirements);
        var unsatisfied = requirements.Where(r => !r.IsWeak && !provided.Contains(r.Version)).Select(r => r.Version).ToList();
        Assert.True(unsatisfied.Count == 0, $"{library} strongly requires {string.Join(", ", unsatisfied)}, which the loaded libstdc++ lacks.");
    }

    [Fact]
    public void MarkWeakChangesOnlyTheNamedRequirementAndIsIdempotent()
    {
        string source = LoadedLibTorchSharp();
        string copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(source, copy);
        try
        {
            var before = ElfVersionRequirements.ReadRequirements(copy);
            var target = before.First(r => r.File == LibStdCxx && r.Version == "GLIBCXX_3.4.32");

            // Start from the pristine state (strong), as in the NuGet package.
            ClearWeakFlag(copy, target);
            Assert.False(ElfVersionRequirements.ReadRequirements(copy).Single(r => r.Version == target.Version && r.File == LibStdCxx).IsWeak);
            byte[] strong = File.ReadAllBytes(copy);

            Assert.True(ElfVersionRequirements.MarkWeak(copy, LibStdCxx, "GLIBCXX_3.4.32"));
            Assert.False(ElfVersionRequirements.MarkWeak(copy, LibStdCxx, "GLIBCXX_3.4.32"));

            byte[] weak = File.ReadAllBytes(copy);
            var changed = Enumerable.Range(0, strong.Length).Where(i => strong[i] != weak[i]).ToList();
            Assert.Equal(new[] { (int)target.FlagsOffset }, changed);

            var after = ElfVersionRequirements.ReadRequirements(copy);
            Assert.Equal(before.Count, after.Count);
            foreach (var (b, a) in before.Zip(after))
            {
                Assert.Equal(b.Version, a.Version);
                if (b.Version == "GLIBCXX_3.4.32" && b.File == LibStdCxx) Assert.True(a.IsWeak);
                else Assert.Equal(b.Flags, a.Flags);
            }
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void MarkWeakNamesTheFileWhenTheRequirementIsAbsent()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"libLibTorchSharp-{Guid.NewGuid():N}.so");
        File.Copy(LoadedLibTorchSharp(), copy);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ElfVersionRequirements.MarkWeak(copy, LibStdCxx, "GLIBCXX_9.9.9"));
            Assert.Contains(copy, error.Message);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static void ClearWeakFlag(string path, ElfVersionRequirement requirement)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = requirement.FlagsOffset;
        ushort flags = (ushort)(requirement.Flags & ~ElfVersionRequirements.VerFlagWeak);
        stream.WriteByte((byte)(flags & 0xff));
        stream.WriteByte((byte)(flags >> 8));
    }
}
