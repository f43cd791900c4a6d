using System.Security.Cryptography;
using System.Text;
using Skiff.Core.Specs;

namespace Skiff.Core.Hashing;

/// <summary>
/// Content hashes: of a build context (what is sent to the engine, plus how it is built), so an
/// unchanged context keeps its image tag and is never rebuilt.
/// </summary>
public static class ContentHash
{
    /// <summary>SHA-256 (hex) of the build's inputs: every sent file's path, kind, mode and bytes, the Dockerfile path, args and target.</summary>
    public static string OfBuild(BuildSpec build)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, "skiff-build-v1");
        Add(hash, build.Dockerfile);
        Add(hash, build.Target ?? "");
        foreach (var (key, value) in build.Args)
            Add(hash, $"arg:{key}={value}");

        var buffer = new byte[81920];
        foreach (var entry in BuildContextFiles.List(build.Context, build.Dockerfile))
        {
            Add(hash, $"{entry.Kind}:{entry.RelativePath}");
            switch (entry.Kind)
            {
                case ContextEntryKind.Symlink:
                    Add(hash, new FileInfo(entry.FullPath).LinkTarget ?? "");
                    break;
                case ContextEntryKind.File:
                    var executable = !OperatingSystem.IsWindows() &&
                        (File.GetUnixFileMode(entry.FullPath) & UnixFileMode.UserExecute) != 0;
                    Add(hash, executable ? "x" : "-");
                    using (var stream = File.OpenRead(entry.FullPath))
                    {
                        Add(hash, stream.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        int read;
                        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                            hash.AppendData(buffer, 0, read);
                    }
                    break;
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 (hex) of a text.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Add(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }
}
