using Skiff.Core.Api;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.EndToEnd;

/// <summary>
/// One server with the shop example (examples/shop, copied so tests may edit it) deployed as an
/// environment; shared by the tests of one class, torn down with <c>down</c> at the end.
/// </summary>
public sealed class ShopEnvironment : IAsyncLifetime
{
    public const string Heading = "<h1>Skiff Shop";

    public TestServer Server { get; private set; } = null!;

    public TempCopy Source { get; } = new(Path.Combine(RepositoryPaths.Examples, "shop"));

    public string Name { get; } = $"shop-{Guid.NewGuid().ToString("N")[..6]}";

    public EnvironmentDto Deployed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Deployed = await Server.UpAsync(Name, Source.Path);
        if (Deployed.Phase != "Ready")
            throw new InvalidOperationException($"the shop example did not deploy: {Deployed.Error?.Service}: {Deployed.Error?.Message}\n{string.Join("\n", Deployed.Error?.LogTail ?? [])}");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Server.DownAsync(Name);
        }
        finally
        {
            await Server.DisposeAsync();
            Source.Dispose();
        }
    }

    public Task<(System.Net.HttpStatusCode Status, string Body)> BrowseAsync(string path = "/") =>
        Server.BrowseAsync($"{Name}.localhost", path);

    /// <summary>For a failed assertion: the answer's status and every container's last log lines.</summary>
    public async Task<string> DescribeAsync(System.Net.HttpStatusCode status)
    {
        var text = new System.Text.StringBuilder($"the environment answered {(int)status}\n");
        var state = await Server.Driver.GetStateAsync(Name, CancellationToken.None);
        foreach (var container in state.Containers)
        {
            text.AppendLine($"--- {container.Service} {container.Id[..12]} {container.Status}");
            await foreach (var line in Server.Driver.ReadLogsAsync(container.Id, 15, follow: false, CancellationToken.None))
                text.AppendLine(line);
        }
        return text.ToString();
    }

    public async Task<Dictionary<string, string>> ContainerIdsAsync()
    {
        var environment = await Server.GetAsync(Name);
        return environment!.Services.ToDictionary(s => s.Name, s => s.ContainerId!);
    }
}
