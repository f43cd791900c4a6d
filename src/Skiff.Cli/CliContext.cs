namespace Skiff.Cli;

/// <summary>What a command runs against: where to write, which environment variables, whether stdout is a terminal. Tests pass their own.</summary>
public sealed record CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public bool IsTerminal { get; init; }

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        GetVariable = Environment.GetEnvironmentVariable,
        IsTerminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"),
    };

    public const string DefaultServer = "http://127.0.0.1:7070";

    /// <summary><c>SKIFF_SERVER</c>, or the local default.</summary>
    public Uri Server => new((GetVariable("SKIFF_SERVER") is { Length: > 0 } server ? server : DefaultServer).TrimEnd('/') + "/");

    /// <summary>True when the server address is on this machine over plain HTTP (so <c>up</c> may start one there).</summary>
    public bool ServerIsLocal => Server is { Scheme: "http" } server && (server.IsLoopback || server.Host == "localhost");

    /// <summary><c>SKIFF_HOME</c>, or <c>~/.skiff</c>.</summary>
    public string Home => GetVariable("SKIFF_HOME") is { Length: > 0 } home
        ? Path.GetFullPath(home)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".skiff");
}
