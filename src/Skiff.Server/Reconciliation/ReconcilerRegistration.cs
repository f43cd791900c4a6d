namespace Skiff.Server.Reconciliation;

/// <summary>The reconciler's room in the server's composition: the queue, the dispatcher, its passes and what they share.</summary>
public static class ReconcilerRegistration
{
    public static IServiceCollection AddSkiffReconciler(this IServiceCollection services)
    {
        services.AddSingleton<ReconcileQueue>();
        services.AddSingleton<EnvironmentReconciler>();
        services.AddSingleton<DeployPass>();
        services.AddSingleton<DeployGate>();
        services.AddSingleton<DeployAdmission>();
        services.AddSingleton<SpecSource>();
        services.AddSingleton<SourceResolver>();
        services.AddSingleton<DeployRunner>();
        services.AddSingleton<DeployHistory>();
        services.AddSingleton<SuspendPass>();
        services.AddSingleton<RemovePass>();
        services.AddSingleton<WaitingRoom>();
        services.AddSingleton<EnvironmentFeedback>();
        services.AddSingleton<CheckoutJanitor>();
        services.AddHostedService<ReconcilerService>();
        return services;
    }
}
