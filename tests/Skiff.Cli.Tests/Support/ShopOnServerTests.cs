using Skiff.Tests.Shared;

namespace Skiff.Cli.Tests.Support;

/// <summary>
/// For CLI tests against a real server and engine: a fresh copy of the shop example, a unique
/// environment name, a started test server, and the variables pointing the CLI at it. The
/// environment is removed afterwards, whatever the test did.
/// </summary>
public abstract class ShopOnServerTests(string prefix) : IAsyncLifetime
{
    protected TempCopy App { get; } = new(Path.Combine(RepositoryPaths.Examples, "shop"));

    protected string Name { get; } = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    protected TestServer Server { get; private set; } = null!;

    protected Dictionary<string, string?> Variables => new() { ["SKIFF_SERVER"] = Server.Address.ToString() };

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.Driver.RemoveEnvironmentAsync(Name, CancellationToken.None);
        await Server.DisposeAsync();
        App.Dispose();
    }
}
