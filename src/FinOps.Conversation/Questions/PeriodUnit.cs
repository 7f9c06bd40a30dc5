namespace FinOps.Conversation.Questions;

/// <summary>The calendar unit a period expression names, used to find the period it is compared with.</summary>
internal enum PeriodUnit
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
    FiscalYear,
    Days,
    Range,
}
