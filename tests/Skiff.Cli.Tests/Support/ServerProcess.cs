using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Skiff.Cli.Tests.Support;

/// <summary><c>skiff serve</c> as a real child process (so a test can SIGKILL it), on a free loopback port.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    public Uri Address { get; }

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public static async Task<ServerProcess> StartAsync(string home, int? port = null, string? config = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "skiff.dll"), "serve", "--listen", address.ToString().TrimEnd('/') },
        };
        if (config is not null)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(config);
        }
        start.Environment["SKIFF_HOME"] = home;
        start.Environment["DOCKER_HOST"] = Skiff.Tests.Shared.EngineEndpoint.DockerHost;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(address, "healthz"));
                if (response.IsSuccessStatusCode)
                    return new ServerProcess(process, address);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"skiff serve did not answer at {address}");
    }

    /// <summary>SIGKILL: no shutdown, no rollback, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
