using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Sources;

/// <summary>
/// Runs git as a child process: arguments as a list (never through a shell), an environment free of
/// the caller's GIT_* variables and of user or system configuration, no terminal prompts, a timeout,
/// and the whole process tree killed on timeout or cancellation.
/// </summary>
internal sealed class GitProcess(string executable, string gitHome, TimeProvider time, ILogger logger)
{
    private const int MaxOutputChars = 1 << 20;
    private const int KeptErrorLines = 20;
    private const int MaxErrorLineChars = 1000;

    /// <summary>The HOME git sees: an empty folder under SKIFF_HOME, so no ~/.gitconfig applies.</summary>
    public string GitHome => gitHome;

    /// <summary>
    /// Runs git and returns how it ended (a non-zero exit is a result, not an exception).
    /// Throws <see cref="GitSourceException"/> when git cannot start or runs past <paramref name="timeout"/>,
    /// and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<GitResult> RunAsync(
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? input = null)
    {
        Directory.CreateDirectory(gitHome);
        using var process = new Process { StartInfo = CreateStartInfo(arguments, environment) };
        var command = CommandName(arguments);
        var started = time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new GitSourceException($"cannot run {executable}: {exception.Message}");
        }

        var output = ReadOutputAsync(process.StandardOutput);
        var errors = ReadErrorLinesAsync(process.StandardError);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await WriteInputAsync(process, input, linked.Token);
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAll(output, errors);
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogWarning("git {Command} killed after {Timeout}", command, timeout);
            throw new GitSourceException($"git {command} timed out after {Describe(timeout)}");
        }

        var result = new GitResult(process.ExitCode, await output, await errors);
        logger.LogDebug("git {Command} exited with {ExitCode} after {ElapsedMs} ms",
            command, result.ExitCode, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = gitHome,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        foreach (var key in info.Environment.Keys.Where(IsInheritedGitSetting).ToList())
            info.Environment.Remove(key);
        info.Environment["HOME"] = gitHome;
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(gitHome, ".config");
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_ALLOW_PROTOCOL"] = "file:http:https";
        info.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return info;
    }

    /// <summary>Variables that would point git elsewhere (GIT_DIR, GIT_INDEX_FILE, GIT_ASKPASS …) or make it prompt.</summary>
    private static bool IsInheritedGitSetting(string key) =>
        key.StartsWith("GIT_", StringComparison.Ordinal) || key is "SSH_ASKPASS" or "SSH_ASKPASS_REQUIRE" or "HOME" or "XDG_CONFIG_HOME";

    private static async Task WriteInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // git exited before reading its input; its exit code and stderr say why.
        }
    }

    private static async Task<string> ReadOutputAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < MaxOutputChars)
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
        }
        return text.ToString();
    }

    private static async Task<IReadOnlyList<string>> ReadErrorLinesAsync(StreamReader reader)
    {
        var lines = new Queue<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (lines.Count == KeptErrorLines)
                lines.Dequeue();
            lines.Enqueue(line.Length <= MaxErrorLineChars ? line : line[..MaxErrorLineChars]);
        }
        return [.. lines];
    }

    private void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger.LogDebug("git process {ProcessId} already gone: {Reason}", process.Id, exception.Message);
        }
    }

    /// <summary>The git subcommand (the first argument that is not a global option), for logs and messages.</summary>
    private static string CommandName(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is "-c" or "-C")
                i++;
            else if (!arguments[i].StartsWith('-'))
                return arguments[i];
        }
        return "git";
    }

    private static string Describe(TimeSpan timeout) =>
        timeout.TotalSeconds < 120 ? $"{timeout.TotalSeconds:0.#} s" : $"{timeout.TotalMinutes:0.#} min";
}
