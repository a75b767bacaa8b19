namespace Normative.Experiments.Grid;

/// <summary>
/// Files a grid run writes so that a reader never sees half of one: written under a temporary name beside the target,
/// then renamed over it (a rename within one folder is atomic on POSIX file systems, local or NFS).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (folders created), complete or not at all.</summary>
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = $"{full}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, full, overwrite: true);
    }
}
