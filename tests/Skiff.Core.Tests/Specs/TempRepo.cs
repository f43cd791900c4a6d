using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>A throw-away repository folder named "app" that tests write small spec files into.</summary>
internal sealed class TempRepo : IDisposable
{
    private readonly string _parent;

    public TempRepo()
    {
        _parent = Path.Combine(Path.GetTempPath(), "skiff-spec-tests", Guid.NewGuid().ToString("N"));
        Root = Path.Combine(_parent, "app");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Options with no variables at all, so tests never depend on the machine's environment.</summary>
    public static SpecLoadOptions NoVariables { get; } = new() { Variables = new Dictionary<string, string>() };

    public TempRepo Write(string relativePath, string text)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>A build context with a Dockerfile, so file checks pass.</summary>
    public TempRepo Context(string relativeFolder, string dockerfile = "Dockerfile") =>
        Write(Path.Combine(relativeFolder, dockerfile), "FROM busybox\n");

    public string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    public SpecLoadResult Load(SpecLoadOptions? options = null) => SpecLoader.Load(Root, options ?? NoVariables);

    /// <summary>Loads and asserts success (showing every error when it fails).</summary>
    public AppSpec LoadOk(SpecLoadOptions? options = null)
    {
        var result = Load(options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    /// <summary>Writes compose.yaml and loads the folder.</summary>
    public static SpecLoadResult LoadCompose(string compose, SpecLoadOptions? options = null)
    {
        using var repo = new TempRepo();
        return repo.Write("compose.yaml", compose).Load(options);
    }

    public static AppSpec LoadComposeOk(string compose, SpecLoadOptions? options = null)
    {
        var result = LoadCompose(compose, options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal static class SpecAssert
{
    /// <summary>Asserts the load failed with exactly these one-line errors (in any order).</summary>
    public static void Errors(SpecLoadResult result, params string[] expected)
    {
        var actual = result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), actual);
    }

    public static void Error(SpecLoadResult result, string expected) => Errors(result, expected);

    public static void HasWarning(SpecLoadResult result, string expected) =>
        Assert.Contains(expected, result.Warnings.Select(w => w.ToString()));

    public static void NoWarnings(SpecLoadResult result) => Assert.Empty(result.Warnings);
}
