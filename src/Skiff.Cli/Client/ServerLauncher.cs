using System.Diagnostics;

namespace Skiff.Cli.Client;

/// <summary>
/// Starts <c>skiff serve</c> as a detached background process (for <c>skiff up</c> when no local
/// server answers), logging to SKIFF_HOME/logs/server.log and recording its pid in SKIFF_HOME/server.pid.
/// </summary>
public static class ServerLauncher
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> StartAsync(SkiffApiClient client, string home, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(home, "logs");
        Directory.CreateDirectory(logs);
        var log = Path.Combine(logs, "server.log");
        var (program, arguments) = SelfCommand();

        // sh detaches the server (its own session, no terminal, output to the log) and returns at once.
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", "setsid \"$@\" >>\"$LOG\" 2>&1 </dev/null & echo $!", "skiff" },
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--listen");
        start.ArgumentList.Add(client.Server.GetLeftPart(UriPartial.Authority));
        start.Environment["LOG"] = log;
        start.Environment["SKIFF_HOME"] = home;

        using var shell = Process.Start(start) ?? throw new CliException("could not start 'skiff serve' in the background");
        var pid = (await shell.StandardOutput.ReadToEndAsync(cancellationToken)).Trim();
        await shell.WaitForExitAsync(cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(home, "server.pid"), pid + "\n", cancellationToken);

        var waited = Stopwatch.StartNew();
        while (!await client.IsUpAsync(cancellationToken))
        {
            if (waited.Elapsed > StartTimeout)
                throw new CliException($"started 'skiff serve' in the background but it did not answer within {StartTimeout.TotalSeconds:0} s (see {log})", ExitCodes.ServerUnavailable);
            await Task.Delay(200, cancellationToken);
        }
        return $"started 'skiff serve' in the background (pid {pid}, log {log}); stop it with: kill {pid}";
    }

    /// <summary>How to run this same CLI again: the apphost, or <c>dotnet skiff.dll</c>.</summary>
    private static (string Program, string[] Arguments) SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new CliException("cannot tell where the skiff executable is");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
            return (process, [typeof(ServerLauncher).Assembly.Location]);
        return (process, []);
    }
}
