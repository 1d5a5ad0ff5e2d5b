// Menu entries of the budget pages: staff and residents share the path; the pages adapt.
import { FundOutlined } from "@ant-design/icons";
import type { NavItem } from "../../layout/AppLayout";

export const budgetNav: NavItem[] = [
  {
    path: "/decide/budget",
    key: "navBudget",
    icon: <FundOutlined />,
    perm: ["decide.read", "decide.participate"],
    residents: true,
    group: "decide",
  },
];
