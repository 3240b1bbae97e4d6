namespace CommandCenter.Data.Incidents;

/// <summary>How a report reached us.</summary>
public enum SourceChannel
{
    /// <summary>网格员上报.</summary>
    GridWorker = 0,
    /// <summary>12345 热线.</summary>
    Hotline12345 = 1,
    /// <summary>我要说.</summary>
    WoYaoShuo = 2,
    /// <summary>一键呼叫 SOS.</summary>
    Sos = 3,
    /// <summary>视频 / 物联感知.</summary>
    VideoIot = 4,
    /// <summary>值班员录入.</summary>
    DutyOfficer = 5,
    /// <summary>Open311 clients.</summary>
    Open311 = 6,
}

public enum IncidentPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>The seven GB/T 30428 stages, plus rejection.</summary>
public enum IncidentStage
{
    /// <summary>1 信息采集.</summary>
    Reported = 0,
    /// <summary>2 立案.</summary>
    Filed = 1,
    /// <summary>3 派遣.</summary>
    Dispatched = 2,
    /// <summary>4 处置.</summary>
    Handling = 3,
    /// <summary>5 反馈.</summary>
    Feedback = 4,
    /// <summary>6 核查结案.</summary>
    Closed = 5,
    /// <summary>7 评价.</summary>
    Evaluated = 6,
    /// <summary>作废: invalid or a duplicate.</summary>
    Rejected = 7,
}

/// <summary>分层处置 tiers, from the grid up to the district.</summary>
public enum HandlingTier
{
    Grid = 0,
    Community = 1,
    Street = 2,
    Department = 3,
    District = 4,
}

/// <summary>What a history row records.</summary>
public enum IncidentAction
{
    Report = 0,
    File = 1,
    Reject = 2,
    Dispatch = 3,
    Accept = 4,
    Escalate = 5,
    Feedback = 6,
    Close = 7,
    Rework = 8,
    Extend = 9,
    Reply = 10,
    CallBack = 11,
    Rate = 12,
    Supervise = 13,
    Breach = 14,
}

/// <summary>The three SLA clocks.</summary>
public enum SlaClock
{
    Respond = 0,
    Reply = 1,
    Resolve = 2,
}
