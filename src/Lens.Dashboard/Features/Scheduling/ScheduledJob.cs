using Quartz;

namespace Lens.Dashboard.Features.Scheduling;

/// <summary>A job and the trigger that runs it, as a feature registers it.</summary>
public sealed record ScheduledJob(Type JobType, Func<TriggerBuilder, TriggerBuilder> Schedule);
