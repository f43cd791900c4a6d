namespace Skiff.Server.Sources;

/// <summary>
/// Gives git a token without putting it on a command line or in a URL: a small script, written once
/// with mode 0700, that git runs through GIT_ASKPASS; it answers the username question with
/// <c>x-access-token</c> and the password question with a variable set only in that git process's environment.
/// </summary>
internal sealed class AskPass(string folder)
{
    public const string UserName = "x-access-token";
    private const string TokenVariable = "SKIFF_GIT_TOKEN";

    private const string Script = $"""
        #!/bin/sh
        # Written by Skiff: answers git's credential questions for one fetch.
        case "$1" in
          Username*) printf '%s\n' '{UserName}' ;;
          *) printf '%s\n' "${TokenVariable}" ;;
        esac

        """;

    private const UnixFileMode ScriptMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Lock _writeLock = new();

    public string ScriptPath { get; } = Path.Combine(folder, "askpass.sh");

    /// <summary>The variables for a git process that should authenticate with <paramref name="token"/>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(string token)
    {
        EnsureScript();
        return new Dictionary<string, string>
        {
            ["GIT_ASKPASS"] = ScriptPath,
            [TokenVariable] = token,
        };
    }

    private void EnsureScript()
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("the askpass script needs a Unix shell");
        lock (_writeLock)
        {
            if (File.Exists(ScriptPath) && File.GetUnixFileMode(ScriptPath) == ScriptMode && File.ReadAllText(ScriptPath) == Script)
                return;
            Directory.CreateDirectory(folder);
            var temporary = $"{ScriptPath}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = ScriptMode,
            };
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(Script);
            File.Move(temporary, ScriptPath, overwrite: true);
        }
    }
}
