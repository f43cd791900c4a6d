using Skiff.Bench;

return args.FirstOrDefault() switch
{
    "webhooks" => await WebhookIngestBench.RunAsync(args.Skip(1).ToArray()),
    "pull-requests" => await PullRequestBench.RunAsync(args.Skip(1).ToArray()),
    "cost" => CostReplayBench.Run(args.Skip(1).ToArray()),
    "wake" => await WakeBench.RunAsync(args.Skip(1).ToArray()),
    "density" => await DensityBench.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Skiff.Bench webhooks [--count 2000] [--rate 200] | pull-requests [--rounds 3] | cost [--seed 20261130] [--idle-minutes 30] | wake [--rounds 20] | density [--count 50]");
    return 2;
}
