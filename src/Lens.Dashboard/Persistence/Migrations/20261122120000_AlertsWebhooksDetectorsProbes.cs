using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lens.Dashboard.Persistence.Migrations;

// On-call safety: alerts, the webhook outbox, CUSUM detectors with their history, and sentinel probe runs.
[DbContext(typeof(LensDbContext))]
[Migration("20261122120000_AlertsWebhooksDetectorsProbes")]
public sealed class AlertsWebhooksDetectorsProbes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Alerts", t => new
        {
            Id = t.Column<Guid>("TEXT", nullable: false),
            Key = t.Column<string>("TEXT", nullable: false),
            Severity = t.Column<int>("INTEGER", nullable: false),
            Source = t.Column<string>("TEXT", nullable: false),
            Title = t.Column<string>("TEXT", nullable: false),
            Detail = t.Column<string>("TEXT", nullable: false),
            Release = t.Column<string>("TEXT", nullable: true),
            RolloutId = t.Column<Guid>("TEXT", nullable: true),
            Stage = t.Column<int>("INTEGER", nullable: true),
            GatesJson = t.Column<string>("TEXT", nullable: false),
            State = t.Column<string>("TEXT", nullable: false),
            RaisedAt = t.Column<long>("INTEGER", nullable: false),
            LastSeenAt = t.Column<long>("INTEGER", nullable: false),
            Count = t.Column<int>("INTEGER", nullable: false),
            Flaps = t.Column<int>("INTEGER", nullable: false),
            EscalatedAt = t.Column<long>("INTEGER", nullable: true),
            AcknowledgedBy = t.Column<string>("TEXT", nullable: true),
            AcknowledgeReason = t.Column<string>("TEXT", nullable: true),
            AcknowledgedAt = t.Column<long>("INTEGER", nullable: true),
            ResolvedBy = t.Column<string>("TEXT", nullable: true),
            ResolveReason = t.Column<string>("TEXT", nullable: true),
            ResolvedAt = t.Column<long>("INTEGER", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Alerts", x => x.Id));
        m.CreateIndex("IX_Alerts_Key", "Alerts", "Key");
        m.CreateIndex("IX_Alerts_RaisedAt", "Alerts", "RaisedAt");
        m.CreateIndex("IX_Alerts_State_Severity", "Alerts", ["State", "Severity"]);

        m.CreateTable("Outbox", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            EventId = t.Column<Guid>("TEXT", nullable: false),
            Endpoint = t.Column<string>("TEXT", nullable: false),
            Event = t.Column<string>("TEXT", nullable: false),
            Payload = t.Column<string>("TEXT", nullable: false),
            CreatedAt = t.Column<long>("INTEGER", nullable: false),
            Attempts = t.Column<int>("INTEGER", nullable: false),
            NextAttemptAt = t.Column<long>("INTEGER", nullable: false),
            DeliveredAt = t.Column<long>("INTEGER", nullable: true),
            GaveUpAt = t.Column<long>("INTEGER", nullable: true),
            LastError = t.Column<string>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Outbox", x => x.Id));
        m.CreateIndex("IX_Outbox_DeliveredAt_GaveUpAt_NextAttemptAt", "Outbox", ["DeliveredAt", "GaveUpAt", "NextAttemptAt"]);
        m.CreateIndex("IX_Outbox_EventId_Endpoint", "Outbox", ["EventId", "Endpoint"], unique: true);

        m.CreateTable("Detectors", t => new
        {
            Name = t.Column<string>("TEXT", nullable: false),
            Metric = t.Column<string>("TEXT", nullable: false),
            K = t.Column<double>("REAL", nullable: false),
            H = t.Column<double>("REAL", nullable: false),
            BaselineSize = t.Column<int>("INTEGER", nullable: false),
            SigmaFloor = t.Column<double>("REAL", nullable: false),
            Target = t.Column<double>("REAL", nullable: true),
            Sigma = t.Column<double>("REAL", nullable: true),
            BaselineValuesJson = t.Column<string>("TEXT", nullable: false),
            CPlus = t.Column<double>("REAL", nullable: false),
            CMinus = t.Column<double>("REAL", nullable: false),
            NPlus = t.Column<int>("INTEGER", nullable: false),
            NMinus = t.Column<int>("INTEGER", nullable: false),
            Monitored = t.Column<int>("INTEGER", nullable: false),
            AlarmSince = t.Column<long>("INTEGER", nullable: true),
            LastValue = t.Column<double>("REAL", nullable: true),
            LastAt = t.Column<long>("INTEGER", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Detectors", x => x.Name));

        m.CreateTable("DetectorObservations", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Detector = t.Column<string>("TEXT", nullable: false),
            At = t.Column<long>("INTEGER", nullable: false),
            Phase = t.Column<string>("TEXT", nullable: false),
            Value = t.Column<double>("REAL", nullable: true),
            CPlus = t.Column<double>("REAL", nullable: false),
            CMinus = t.Column<double>("REAL", nullable: false),
            AlarmHigh = t.Column<bool>("INTEGER", nullable: false),
            AlarmLow = t.Column<bool>("INTEGER", nullable: false),
            Note = t.Column<string>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DetectorObservations", x => x.Id));
        m.CreateIndex("IX_DetectorObservations_Detector_Id", "DetectorObservations", ["Detector", "Id"]);

        m.CreateTable("ProbeRuns", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Round = t.Column<Guid>("TEXT", nullable: false),
            Probe = t.Column<string>("TEXT", nullable: false),
            Query = t.Column<string>("TEXT", nullable: false),
            At = t.Column<long>("INTEGER", nullable: false),
            Outcome = t.Column<string>("TEXT", nullable: false),
            ResultCount = t.Column<int>("INTEGER", nullable: false),
            LatencyMs = t.Column<double>("REAL", nullable: false),
            SpanCoverage = t.Column<double>("REAL", nullable: true),
            AnchorHit = t.Column<bool>("INTEGER", nullable: true),
            Error = t.Column<string>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ProbeRuns", x => x.Id));
        m.CreateIndex("IX_ProbeRuns_At", "ProbeRuns", "At");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("ProbeRuns");
        m.DropTable("DetectorObservations");
        m.DropTable("Detectors");
        m.DropTable("Outbox");
        m.DropTable("Alerts");
    }
}
