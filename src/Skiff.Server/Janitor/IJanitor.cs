using Skiff.Core.Api;
namespace Skiff.Server.Janitor;

/// <summary>Runs one janitor pass: finds what to clean up and does it (or, in a dry run, only reports it).</summary>
public interface IJanitor
{
    Task<JanitorReport> RunAsync(bool dryRun, CancellationToken cancellationToken);
}
