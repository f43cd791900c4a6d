using Microsoft.Extensions.Logging;
using Skiff.Core.Planning;
using Skiff.Core.Runtime;

namespace Skiff.Core.Deploy;

/// <summary>
/// Makes sure every image a deploy will start exists: builds what is missing and pulls what is
/// not built, one task per distinct image. Builds run in parallel, except that builds whose
/// Dockerfiles begin with the same steps run one after the other, so the second reuses the
/// layers of the first instead of doing the same work at the same time.
/// </summary>
internal sealed class ImageStage(IContainerEngine driver, ILogger logger, DeployOptions options)
{
    /// <summary>Starts the work; returns, per service, the task that completes when its image exists.</summary>
    public IReadOnlyDictionary<string, Task> Start(IReadOnlyList<ServiceStep> steps, Action<string, ServiceStatus, string?> report, CancellationToken cancellationToken)
    {
        var needed = steps.Where(s => s.Action is ServiceAction.Create or ServiceAction.Replace).ToList();
        var byImage = needed.GroupBy(s => s.Revision.Request.Image, StringComparer.Ordinal).ToList();
        var lanes = new Dictionary<string, Task>(StringComparer.Ordinal);
        var imageTasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        foreach (var group in byImage)
        {
            var users = group.ToList();
            var lane = DockerfilePrefix.KeyOf(users[0].Revision.Build);
            var previous = lane is not null && lanes.TryGetValue(lane, out var earlier) ? earlier : Task.CompletedTask;
            var task = AfterAsync(previous, () => EnsureAsync(users, report, cancellationToken));
            if (lane is not null)
                lanes[lane] = task;
            imageTasks[group.Key] = task;
        }
        return needed.ToDictionary(s => s.Revision.Service.Name, s => imageTasks[s.Revision.Request.Image], StringComparer.Ordinal);
    }

    private static async Task AfterAsync(Task previous, Func<Task> next)
    {
        try
        {
            await previous;
        }
        catch (Exception exception) when (exception is DeployFailedException or DriverException)
        {
            // The earlier build's own task reports its failure; this one still tries its own build.
        }
        await next();
    }

    private async Task EnsureAsync(List<ServiceStep> users, Action<string, ServiceStatus, string?> report, CancellationToken cancellationToken)
    {
        var first = users[0].Revision;
        var image = first.Request.Image;
        if (await driver.ImageExistsAsync(image, cancellationToken))
            return;

        if (first.Build is not { } build)
        {
            try
            {
                await driver.PullImageAsync(image, cancellationToken);
            }
            catch (DriverException exception)
            {
                throw new DeployFailedException(new DeployFailure(first.Service.Name, exception.Message, []));
            }
            return;
        }

        foreach (var user in users)
            report(user.Revision.Service.Name, ServiceStatus.Building, $"building {image}");
        var output = new LogProgress(logger, first.Service.Name);
        try
        {
            await driver.BuildImageAsync(build, output, cancellationToken);
        }
        catch (BuildFailedException exception)
        {
            throw new DeployFailedException(new DeployFailure(first.Service.Name, $"build failed: {exception.Message}", [.. exception.LogTail.TakeLast(options.LogTailLines)]));
        }
        foreach (var user in users)
            report(user.Revision.Service.Name, ServiceStatus.Built, null);
    }

    private sealed class LogProgress(ILogger logger, string service) : IProgress<string>
    {
        public void Report(string value) => logger.LogDebug("build {Service}: {Line}", service, value);
    }
}
