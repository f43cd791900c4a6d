using System.Data.Common;
using System.Net.Sockets;
using Skiff.Core.Runtime;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Which reconcile failures may pass by themselves and are retried with backoff (the engine, the
/// network, the store, a fetch, a timeout), and which come from the environment's own data or a
/// bug and would fail the same way every time (everything else).
/// </summary>
internal static class ReconcileFailures
{
    public static bool MayPass(Exception exception) => exception switch
    {
        EnvironmentDataException => false,
        RetryLaterException or DriverException or HttpRequestException or IOException or SocketException
            or TimeoutException or DbException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(MayPass),
        _ => exception.InnerException is { } inner && MayPass(inner),
    };
}
