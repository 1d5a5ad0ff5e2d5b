// Menu entries of the meetings and votes pages.
import { CheckSquareOutlined, ScheduleOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const votesNav: NavItem[] = [
  { path: "/decide/meetings", key: "navVtMeetings", icon: <ScheduleOutlined />, perm: "decide.read", group: "decide" },
  { path: "/decide/votes", key: "navVtVotes", icon: <CheckSquareOutlined />, perm: "decide.read", group: "decide" },
  {
    path: "/decide/my-votes",
    key: "navVtMyVotes",
    icon: <CheckSquareOutlined />,
    perm: "decide.participate",
    residents: true,
    group: "decide",
  },
  {
    path: "/decide/my-meetings",
    key: "navVtMyMeetings",
    icon: <ScheduleOutlined />,
    perm: "decide.participate",
    residents: true,
    group: "decide",
  },
];
