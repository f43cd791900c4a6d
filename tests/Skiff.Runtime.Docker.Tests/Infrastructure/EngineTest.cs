using System.Collections.Immutable;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Tests.Infrastructure;

/// <summary>
/// A test against the real engine with an environment name of its own. Everything labelled with
/// that environment, and whatever the test registers with <see cref="OnCleanup"/>, is removed
/// afterwards, whether the test passed or not.
/// </summary>
[Collection(EngineCollection.Name)]
public abstract class EngineTest : IAsyncLifetime
{
    private readonly List<Func<Task>> _cleanups = [];

    protected EngineTest(EngineFixture engine, ITestOutputHelper output)
    {
        Engine = engine;
        Output = output;
        Driver = new DockerDriver(engine.Options, new XunitLogger<DockerDriver>(output));
        Env = NewEnvironmentName();
    }

    protected EngineFixture Engine { get; }

    protected ITestOutputHelper Output { get; }

    protected DockerDriver Driver { get; }

    /// <summary>This test's environment: <c>t-</c> and eight hex digits.</summary>
    protected string Env { get; }

    /// <summary>A bound for any single test step, so a hang fails the test instead of the run.</summary>
    protected static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static string NewEnvironmentName() => $"t-{Guid.NewGuid():N}"[..10];

    /// <summary>Registers an extra clean-up step (objects the test made outside its environment).</summary>
    protected void OnCleanup(Func<Task> cleanup) => _cleanups.Add(cleanup);

    /// <summary>Registers another environment for removal.</summary>
    protected string OtherEnvironment()
    {
        var name = NewEnvironmentName();
        OnCleanup(() => Driver.RemoveEnvironmentAsync(name, CancellationToken.None));
        return name;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        for (var i = _cleanups.Count - 1; i >= 0; i--)
        {
            try
            {
                await _cleanups[i]();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }
        try
        {
            await Driver.RemoveEnvironmentAsync(Env, CancellationToken.None);
        }
        catch (Exception e)
        {
            failures.Add(e);
        }
        Driver.Dispose();
        if (failures.Count > 0)
            throw new AggregateException("clean-up failed", failures);
    }

    /// <summary>A request for a container of this test's environment running the busybox test image.</summary>
    protected ContainerRequest Request(string service, params string[] command) => RequestIn(Env, service, command);

    protected ContainerRequest RequestIn(string environment, string service, params string[] command)
    {
        var hash = Guid.NewGuid().ToString("N")[..12];
        return new ContainerRequest
        {
            Environment = environment,
            Service = service,
            Name = EngineNames.Container(environment, service, hash),
            Image = Engine.BusyboxImage,
            Hash = hash,
            Command = command.Length == 0 ? null : [.. command],
        };
    }

    /// <summary>A shell loop that stays up and exits at once on SIGTERM (a plain sleep as PID 1 ignores it).</summary>
    protected static string[] Idle(string before = "") =>
        ["sh", "-c", $"{before} trap 'exit 0' TERM; while :; do sleep 0.2; done"];

    /// <summary>The busybox HTTP server on <paramref name="port"/>, serving /www.</summary>
    protected static string[] HttpServer(int port) => ["busybox", "httpd", "-f", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "/www"];

    protected static ImmutableArray<PublishedPort> Publish(params int[] ports) => [.. ports.Select(p => new PublishedPort(p))];

    /// <summary>Repeats <paramref name="attempt"/> until it returns true or the time is up.</summary>
    protected static async Task<bool> EventuallyAsync(Func<Task<bool>> attempt, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await attempt())
                return true;
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(200);
        }
    }
}
