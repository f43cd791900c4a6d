using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Skiff.Cli.Tests.Support;
using Skiff.Tests.Shared;

namespace Skiff.Cli.Tests.Commands;

/// <summary><c>skiff up</c> with no server at a local SKIFF_SERVER starts one in the background, says so, and deploys.</summary>
public sealed class ServerStartTests
{
    [Fact]
    public async Task Up_starts_a_background_server_when_none_answers()
    {
        using var app = new TempCopy(Path.Combine(RepositoryPaths.Examples, "shop"));
        var home = Directory.CreateTempSubdirectory("skiff-home-").FullName;
        var port = FreePort();
        var name = $"auto-{Guid.NewGuid().ToString("N")[..6]}";
        var variables = new Dictionary<string, string?>
        {
            ["SKIFF_SERVER"] = $"http://127.0.0.1:{port}",
            ["SKIFF_HOME"] = home,
        };
        try
        {
            var up = await CliRun.RunAsync(variables, "up", app.Path, "--name", name);

            Assert.True(up.ExitCode == 0, up.Error + File.ReadAllText(Path.Combine(home, "logs", "server.log")));
            Assert.Contains("started 'skiff serve' in the background", up.Error);
            Assert.Contains($"{name} is ready", up.Out);
            Assert.Contains($"http://{name}.localhost:{port}/", up.Out);
            Assert.True(File.Exists(Path.Combine(home, "server.pid")));

            var down = await CliRun.RunAsync(variables, "down", name);
            Assert.Equal(0, down.ExitCode);
        }
        finally
        {
            StopServer(home);
            Directory.Delete(home, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void StopServer(string home)
    {
        var pidFile = Path.Combine(home, "server.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
