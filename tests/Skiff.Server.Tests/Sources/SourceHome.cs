using Skiff.Server.Sources;

namespace Skiff.Server.Tests.Sources;

/// <summary>A throw-away SKIFF_HOME with a <see cref="GitSource"/> on it and a logger that keeps every line.</summary>
internal sealed class SourceHome : IDisposable
{
    public SourceHome(Func<GitSourceOptions, GitSourceOptions>? configure = null)
    {
        Path = Directory.CreateTempSubdirectory("skiff-source-").FullName;
        var options = new GitSourceOptions { Home = Path };
        Source = new GitSource(configure?.Invoke(options) ?? options, Logger);
    }

    public string Path { get; }

    public CapturingLogger<GitSource> Logger { get; } = new();

    public GitSource Source { get; }

    public string Cache(string owner, string name) => System.IO.Path.Combine(Path, "git", owner, name + ".git");

    public string CheckoutsOf(string owner, string name) => System.IO.Path.Combine(Path, "checkouts", owner, name);

    public static GitCheckoutRequest Request(string url, string sha, string? reference = null, string repository = "acme/shop", string? token = null) =>
        new() { Repository = repository, CloneUrl = url, Sha = sha, Ref = reference, Token = token };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
