using System.Security.Cryptography;
using System.Text;

namespace Normative.Experiments.Grid;

/// <summary>
/// The content hash a grid plan records for its cohort: SHA-256 over every file of the cohort's folder (the folder
/// itself, or the manifest's folder), each as its relative path and its bytes, in ordinal path order. Any edit to a
/// table, the manifest or the ground truth changes it; a copy elsewhere keeps it.
/// </summary>
public static class CohortHash
{
    /// <summary>The hex hash of the cohort at <paramref name="path"/> (a folder or a manifest file).</summary>
    public static string Of(string path)
    {
        string folder = Directory.Exists(path) ? Path.GetFullPath(path)
            : File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))!
            : throw new FileNotFoundException($"The cohort {path} does not exist.", path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder, file));
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
