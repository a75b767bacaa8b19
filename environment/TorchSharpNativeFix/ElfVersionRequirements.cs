// Reads and edits the GNU symbol-versioning sections of an ELF64 little-endian shared object.
//
// Why this exists: TorchSharp-cpu 0.107.0's libLibTorchSharp.so was linked against a libstdc++
// that defines GLIBCXX_3.4.32 and records a *strong* requirement for it (for one symbol,
// std::ios_base_library_init). Debian 12 ships GLIBCXX_3.4.30, so the dynamic loader refuses the
// library although nothing it calls is missing. Setting VER_FLG_WEAK on that one requirement
// (an entry in .gnu.version_r) turns the refusal into a no-op, which is what `ld --weak` would
// have produced. See environment/README.md.
//
// This file is compiled twice: into the MSBuild inline task (TorchSharpNativeFix.targets) and,
// with ELF_VERSION_REQUIREMENTS_ONLY defined, into the CLI (`normative doctor` reports whether the fix
// is in effect) and so into the tests, which check it on copies.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Normative.NativeFix
{
    /// <summary>One version requirement (an <c>Elf64_Vernaux</c> entry of <c>.gnu.version_r</c>).</summary>
    public sealed class ElfVersionRequirement
    {
        public ElfVersionRequirement(string file, string version, ushort flags, long flagsOffset)
        {
            File = file; Version = version; Flags = flags; FlagsOffset = flagsOffset;
        }

        /// <summary>The needed library, e.g. <c>libstdc++.so.6</c>.</summary>
        public string File { get; }
        /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string Version { get; }
        /// <summary><c>vna_flags</c>; bit 0x2 is VER_FLG_WEAK.</summary>
        public ushort Flags { get; }
        /// <summary>File offset of <c>vna_flags</c>, where a patch writes.</summary>
        public long FlagsOffset { get; }
        public bool IsWeak => (Flags & ElfVersionRequirements.VerFlagWeak) != 0;
    }

    /// <summary>
    /// Symbol-version requirements (<c>.gnu.version_r</c>) and definitions (<c>.gnu.version_d</c>)
    /// of an ELF64 little-endian file, and the one edit we need: marking a requirement weak.
    /// </summary>
    public static class ElfVersionRequirements
    {
        public const ushort VerFlagWeak = 0x2;
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>Every version requirement the file records.</summary>
        public static List<ElfVersionRequirement> ReadRequirements(string path)
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            var result = new List<ElfVersionRequirement>();
            foreach (var section in Sections(bytes, path))
            {
                if (section.Type != ShtGnuVerneed) continue;
                var strtab = SectionAt(bytes, path, section.Link);
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    ushort auxCount = U16(bytes, entry + 2);
                    string file = CString(bytes, strtab.Offset + U32(bytes, entry + 4));
                    long aux = entry + U32(bytes, entry + 8);
                    for (int j = 0; j < auxCount; j++)
                    {
                        ushort flags = U16(bytes, aux + 4);
                        string version = CString(bytes, strtab.Offset + U32(bytes, aux + 8));
                        result.Add(new ElfVersionRequirement(file, version, flags, aux + 4));
                        uint nextAux = U32(bytes, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(bytes, entry + 12);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return result;
        }

        /// <summary>Every version name the file defines (what a library such as libstdc++ provides).</summary>
        public static HashSet<string> ReadDefinitions(string path)
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in Sections(bytes, path))
            {
                if (section.Type != ShtGnuVerdef) continue;
                var strtab = SectionAt(bytes, path, section.Link);
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    ushort auxCount = U16(bytes, entry + 6);
                    long aux = entry + U32(bytes, entry + 12);
                    for (int j = 0; j < auxCount; j++)
                    {
                        result.Add(CString(bytes, strtab.Offset + U32(bytes, aux)));
                        uint nextAux = U32(bytes, aux + 4);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(bytes, entry + 16);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return result;
        }

        /// <summary>
        /// Marks the requirement (<paramref name="file"/>, <paramref name="version"/>) weak in place.
        /// Returns true when the file was changed, false when it was weak already (idempotent).
        /// Throws when the file does not record that requirement.
        /// </summary>
        public static bool MarkWeak(string path, string file, string version)
        {
            ElfVersionRequirement? target = null;
            foreach (var r in ReadRequirements(path))
                if (r.File == file && r.Version == version) target = r;
            if (target == null)
                throw new InvalidDataException($"{path}: no version requirement {version} from {file}.");
            if (target.IsWeak) return false;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Position = target.FlagsOffset;
                ushort flags = (ushort)(target.Flags | VerFlagWeak);
                stream.WriteByte((byte)(flags & 0xff));
                stream.WriteByte((byte)(flags >> 8));
            }
            return true;
        }

        private readonly struct Section
        {
            public Section(uint type, long offset, uint link, uint info) { Type = type; Offset = offset; Link = link; Info = info; }
            public uint Type { get; }
            public long Offset { get; }
            public uint Link { get; }
            public uint Info { get; }
        }

        private static IEnumerable<Section> Sections(byte[] bytes, string path)
        {
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new InvalidDataException($"{path}: not an ELF file.");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException($"{path}: only ELF64 little-endian files are supported.");
            ushort count = U16(bytes, 0x3C);
            for (int i = 0; i < count; i++) yield return SectionAt(bytes, path, (uint)i);
        }

        private static Section SectionAt(byte[] bytes, string path, uint index)
        {
            long table = (long)U64(bytes, 0x28);
            ushort size = U16(bytes, 0x3A);
            long header = table + (long)index * size;
            if (header + 64 > bytes.Length) throw new InvalidDataException($"{path}: section header {index} lies outside the file.");
            return new Section(U32(bytes, header + 4), (long)U64(bytes, header + 24), U32(bytes, header + 40), U32(bytes, header + 44));
        }

        private static ushort U16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));
        private static uint U32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        private static ulong U64(byte[] b, long o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);

        private static string CString(byte[] b, long o)
        {
            long end = o;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }
    }
}

#if !ELF_VERSION_REQUIREMENTS_ONLY
namespace Normative.NativeFix
{
    /// <summary>
    /// MSBuild task: for every <c>libLibTorchSharp.so</c> under <see cref="Directory"/>, marks each
    /// libstdc++ version requirement that the system's libstdc++ does not define as weak.
    /// Does nothing on a system whose libstdc++ is new enough, or on non-Linux hosts.
    /// </summary>
    public sealed class WeakenMissingGlibcxxRequirements : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; } = "";

        /// <summary>Overrides the libstdc++ the check compares against (tests; unusual systems).</summary>
        public string SystemLibStdCxx { get; set; } = "";

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux) || !System.IO.Directory.Exists(Directory)) return true;
            string? libstdcxx = string.IsNullOrEmpty(SystemLibStdCxx) ? FindSystemLibStdCxx() : SystemLibStdCxx;
            if (libstdcxx == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "TorchSharpNativeFix: no system libstdc++.so.6 found; nothing to compare against.");
                return true;
            }
            var provided = ElfVersionRequirements.ReadDefinitions(libstdcxx);
            foreach (var library in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                foreach (var requirement in ElfVersionRequirements.ReadRequirements(library))
                {
                    if (requirement.File != "libstdc++.so.6" || requirement.IsWeak || provided.Contains(requirement.Version)) continue;
                    ElfVersionRequirements.MarkWeak(library, requirement.File, requirement.Version);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"TorchSharpNativeFix: {library}: {requirement.Version} is not in {libstdcxx}; marked the requirement weak.");
                }
            }
            return true;
        }

        private static string? FindSystemLibStdCxx()
        {
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
            {
                string candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            }
            return null;
        }
    }
}
#endif
