using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>What every corpus file must satisfy, whatever its expected outcome.</summary>
internal static class CorpusAssert
{
    public static IEnumerable<string> ComposeFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// The load did not crash, and every error and warning names an existing file under
    /// <paramref name="root"/>, a line and a column, and (for errors) the key.
    /// </summary>
    public static void WellFormed(SpecLoadResult result, string root, string file)
    {
        Assert.True(result.Spec is not null || result.Errors.Count > 0, $"{file}: no spec and no error");
        foreach (var problem in result.Errors.Concat(result.Warnings))
        {
            Assert.DoesNotContain("internal error", problem.Message);
            Assert.True(problem.Location is { Line: > 0, Column: > 0 }, $"{file}: '{problem}' has no position");
            Assert.True(File.Exists(Path.Combine(root, problem.Location!.File)), $"{file}: '{problem}' names no file under {root}");
            Assert.False(string.IsNullOrEmpty(problem.KeyPath), $"{file}: '{problem}' names no key");
        }
    }

    public static string[] Lines(IEnumerable<SpecError> errors) => [.. errors.Select(e => e.ToString())];
}
